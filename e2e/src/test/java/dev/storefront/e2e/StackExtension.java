package dev.storefront.e2e;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives an e2e test class the run's shared {@link StorefrontStack}:
 * {@code @RegisterExtension static final StackExtension STACK = new StackExtension();}.
 */
public final class StackExtension implements BeforeAllCallback {

    private StorefrontStack stack;

    @Override
    public void beforeAll(ExtensionContext context) {
        stack = StorefrontStack.get(context);
    }

    /** @return the run's stack */
    public StorefrontStack stack() {
        return stack;
    }
}
