package dev.tokenwarden.auditor.domain.fix;

/** Replaces the characters {@code [start, end)} of a file's text; {@code start == end} inserts. */
record TextEdit(int start, int end, String replacement) {

    TextEdit {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad edit range " + start + ".." + end);
        }
    }

    static TextEdit insert(int at, String text) {
        return new TextEdit(at, at, text);
    }

    /** Whether the two edits touch the same characters; two insertions at one place do not. */
    boolean overlaps(TextEdit other) {
        return start < other.end && other.start < end;
    }
}
