package dev.storefront.users.federation;

import java.util.List;
import java.util.Map;

import dev.storefront.subgraph.federation.EntityResolver;
import dev.storefront.users.domain.User;
import dev.storefront.users.persistence.UserRepository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Resolves {@code User} references from other subgraphs, a whole batch in one query. */
@ApplicationScoped
class UserEntityResolver implements EntityResolver<User> {

    private final UserRepository users;

    @Inject
    UserEntityResolver(UserRepository users) {
        this.users = users;
    }

    @Override
    public String typeName() {
        return "User";
    }

    @Override
    public List<User> resolve(List<Map<String, Object>> representations) {
        return EntityResolver.resolveByIds(representations, users::findByIds);
    }
}
