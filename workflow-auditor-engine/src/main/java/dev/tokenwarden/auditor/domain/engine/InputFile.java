package dev.tokenwarden.auditor.domain.engine;

/** A file to audit: the path findings will name (relative to the scanned root) and its raw bytes. */
public record InputFile(String path, byte[] content) {
}
