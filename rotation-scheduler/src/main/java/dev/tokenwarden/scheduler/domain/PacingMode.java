package dev.tokenwarden.scheduler.domain;

/**
 * How much of an installation's remaining GitHub quota the scheduler lets the broker spend on mints:
 * conservative when headroom is low (so the quota is never exhausted), aggressive when it is plentiful.
 */
public enum PacingMode {
    CONSERVATIVE,
    NORMAL,
    AGGRESSIVE
}
