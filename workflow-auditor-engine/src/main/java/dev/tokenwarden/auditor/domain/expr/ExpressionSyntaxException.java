package dev.tokenwarden.auditor.domain.expr;

/** An expression that does not parse; {@code offset} is the character position inside the expression. */
public class ExpressionSyntaxException extends Exception {

    private final int offset;

    public ExpressionSyntaxException(String message, int offset) {
        super(message + " at character " + (offset + 1));
        this.offset = offset;
    }

    public int offset() {
        return offset;
    }
}
