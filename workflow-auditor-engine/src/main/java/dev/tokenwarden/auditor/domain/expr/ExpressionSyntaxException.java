package dev.tokenwarden.auditor.domain.expr;

/** An expression that does not parse; the message names the character position inside the expression. */
public class ExpressionSyntaxException extends Exception {

    public ExpressionSyntaxException(String message, int offset) {
        super(message + " at character " + (offset + 1));
    }
}
