package dev.tokenwarden.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** One row of the reliability matrix: the test method that injects {@link #fault()} and checks what it {@link #proves()}. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface Row {
    /** Short, stable: the row's anchor in docs/reliability.md. */
    String id();

    /** What goes wrong, and where the crash point comes from. */
    String fault();

    /** The invariants the row checks. */
    String proves();
}
