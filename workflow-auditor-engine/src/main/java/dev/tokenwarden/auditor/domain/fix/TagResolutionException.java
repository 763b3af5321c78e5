package dev.tokenwarden.auditor.domain.fix;

/** A tag could not be resolved for a reason other than its absence; the message is fit for a user. */
public class TagResolutionException extends Exception {

    public TagResolutionException(String message) {
        super(message);
    }

    public TagResolutionException(String message, Throwable cause) {
        super(message, cause);
    }
}
