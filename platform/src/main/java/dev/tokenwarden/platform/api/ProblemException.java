package dev.tokenwarden.platform.api;

/**
 * Thrown by a resource (or anything it calls) to answer with a problem+json body. The detail is shown to
 * the caller as it is: say what is wrong with the request, never repeat a credential value from it.
 */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String type;
    private final String title;
    private final String field;

    public ProblemException(int status, String typeSlug, String title, String detail, String field) {
        super(detail, null, false, false);
        this.status = status;
        this.type = Problem.TYPE_BASE + typeSlug;
        this.title = title;
        this.field = field;
    }

    /** 400: one field of the request is missing or wrong. */
    public static ProblemException invalidField(String field, String detail) {
        return new ProblemException(400, "invalid-field", "Invalid request field", detail, field);
    }

    /** 404: the thing the path names does not exist. */
    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "not-found", "Not found", detail, null);
    }

    /** 409: the request contradicts the current state (for example a rotation already in progress). */
    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "conflict", "Conflict", detail, null);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }

    Problem toProblem(String instance) {
        return new Problem(type, title, status, getMessage(), instance, field, null);
    }
}
