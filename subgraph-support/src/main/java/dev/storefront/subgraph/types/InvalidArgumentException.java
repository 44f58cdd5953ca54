package dev.storefront.subgraph.types;

/**
 * A query argument the client got wrong (bad id, bad cursor, page size out of range). Its message
 * reaches the client as a GraphQL error at the field's path; unlike other runtime exceptions it
 * is never masked as "Server Error", because the message is written for the client.
 */
public class InvalidArgumentException extends RuntimeException implements ErrorCode {

    public InvalidArgumentException(String message) {
        super(message, null, false, false);
    }

    /** @return {@value ErrorCode#BAD_USER_INPUT}, in the error's {@code extensions.code} */
    @Override
    public String code() {
        return BAD_USER_INPUT;
    }
}
