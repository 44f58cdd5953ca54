package dev.storefront.tokens;

/**
 * A bearer token that must not be trusted, with the reason in words a client can act on
 * (e.g. sign in again when it expired). Never carries the token itself.
 */
public class InvalidTokenException extends Exception {

    /** Why a token was refused. */
    public enum Reason {
        /** not a signed JWT at all */
        MALFORMED,
        /** past its {@code exp} */
        EXPIRED,
        /** signed by a key the JWKS does not hold, or the signature does not match */
        BAD_SIGNATURE,
        /** issued for another audience */
        WRONG_AUDIENCE,
        /** issued by another issuer */
        WRONG_ISSUER,
        /** a required claim ({@code sub}, {@code exp}, {@code iat}...) is missing or invalid */
        INVALID_CLAIMS,
        /** the key set could not be fetched: the token may be fine, this service cannot tell */
        KEYS_UNAVAILABLE
    }

    private final Reason reason;

    public InvalidTokenException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    /** @return why the token was refused */
    public Reason reason() {
        return reason;
    }
}
