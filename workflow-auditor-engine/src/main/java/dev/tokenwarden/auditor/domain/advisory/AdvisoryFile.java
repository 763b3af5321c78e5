package dev.tokenwarden.auditor.domain.advisory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.tokenwarden.auditor.domain.finding.Severity;

/**
 * The known-vulnerable-actions data file: a header naming its source, retrieval date and entry count,
 * then one tab-separated advisory per line. {@link #write} produces what {@link #parse} reads, so the
 * refresh command (reading {@code GET /advisories?ecosystem=actions}) only has to build the list.
 */
public record AdvisoryFile(String source, String retrieved, List<Advisory> advisories) {

    public static final String RESOURCE = "known-vulnerable-actions.tsv";
    private static final String COLUMNS = "advisory\taction\tvulnerable versions\tfirst patched\tseverity\tsummary";

    public AdvisoryFile {
        advisories = List.copyOf(advisories);
    }

    /** The file shipped with the engine. */
    public static AdvisoryFile bundled() {
        try (InputStream in = AdvisoryFile.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static AdvisoryFile parse(String text) {
        Map<String, String> header = new HashMap<>();
        List<Advisory> advisories = new ArrayList<>();
        int lineNumber = 0;
        for (String line : text.split("\n")) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("#")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    header.put(line.substring(1, colon).strip(), line.substring(colon + 1).strip());
                }
                continue;
            }
            String[] fields = line.split("\t", -1);
            if (fields.length != 6) {
                throw new IllegalArgumentException("line " + lineNumber + ": expected 6 tab-separated fields, found " + fields.length);
            }
            int at = lineNumber;
            Optional<Severity> severity = fields[4].equals("-") ? Optional.empty() : Optional.of(Severity.parse(fields[4])
                    .orElseThrow(() -> new IllegalArgumentException("line " + at + ": unknown severity '" + fields[4] + "'")));
            advisories.add(new Advisory(fields[0], fields[1].toLowerCase(Locale.ROOT), VersionRange.parse(fields[2]),
                    fields[3], severity, fields[5]));
        }
        for (String key : List.of("source", "retrieved", "entries")) {
            if (!header.containsKey(key)) {
                throw new IllegalArgumentException("header line '# " + key + ": ...' is missing");
            }
        }
        if (Integer.parseInt(header.get("entries")) != advisories.size()) {
            throw new IllegalArgumentException("header says " + header.get("entries") + " entries, file has " + advisories.size());
        }
        return new AdvisoryFile(header.get("source"), header.get("retrieved"), advisories);
    }

    public String write() {
        StringBuilder out = new StringBuilder();
        out.append("# tokenwarden known-vulnerable GitHub Actions\n");
        out.append("# source: ").append(source).append('\n');
        out.append("# retrieved: ").append(retrieved).append('\n');
        out.append("# entries: ").append(advisories.size()).append('\n');
        out.append("# columns: ").append(COLUMNS.replace("\t", " | ")).append('\n');
        for (Advisory a : advisories) {
            out.append(String.join("\t", a.id(), a.action(), a.vulnerable().text(), a.firstPatched(),
                    a.severity().map(Severity::label).orElse("-"), a.summary().replace('\t', ' ').replace('\n', ' '))).append('\n');
        }
        return out.toString();
    }
}
