package dev.tokenwarden.auditor.api;

import dev.tokenwarden.auditor.AuditorConfig;
import dev.tokenwarden.auditor.domain.engine.Engine;
import dev.tokenwarden.auditor.domain.engine.InputFile;
import dev.tokenwarden.auditor.domain.finding.ScanError;
import dev.tokenwarden.auditor.domain.finding.ScanResult;
import dev.tokenwarden.auditor.domain.report.ReportFormat;
import dev.tokenwarden.auditor.domain.report.Reports;
import dev.tokenwarden.auditor.messaging.RepositoryScan;
import dev.tokenwarden.auditor.messaging.ScanPublisher;
import dev.tokenwarden.events.ScanTrigger;
import dev.tokenwarden.platform.api.ProblemException;
import dev.tokenwarden.platform.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Ad-hoc scans of uploaded workflows. Sizes and counts are checked before anything is parsed; the engine
 * then turns hostile YAML (alias bombs, binary junk, non-workflow documents) into scan errors, never a crash.
 */
@Path("/scans")
@Tag(name = "scans")
@Blocking
public class ScansResource {
    static final String SARIF_JSON = "application/sarif+json";
    private static final String DEFAULT_PATH = ".github/workflows/workflow.yml";
    static final String SCAN_ID_HEADER = "Tokenwarden-Scan-Id";
    private static final int MAX_PATH_LENGTH = 255;
    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100}");

    private final Engine engine;
    private final Reports reports;
    private final AuditorConfig config;
    private final ScanPublisher scans;

    public ScansResource(Engine engine, Reports reports, AuditorConfig config, ScanPublisher scans) {
        this.scans = scans;
        this.engine = engine;
        this.reports = reports;
        this.config = config;
    }

    @POST
    @Consumes({"text/yaml", "application/yaml", MediaType.TEXT_PLAIN})
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Scan one workflow or action file (the body); findings as JSON or, with format=sarif, SARIF 2.1.0. "
            + "413 when the file is too large, 422 when it is not a readable workflow")
    public Response scanWorkflow(@QueryParam("path") String path, @QueryParam("format") String format,
                                 @QueryParam("repository") String repository, byte[] body) {
        ReportFormat reportFormat = reportFormat(format);
        String name = path == null || path.isBlank() ? DEFAULT_PATH : checkedPath(path, "path");
        if (body.length > config.maxFileBytes()) {
            throw tooLarge("the workflow is " + body.length + " bytes; at most " + config.maxFileBytes() + " are accepted");
        }
        long started = System.nanoTime();
        ScanResult result = engine.scan(List.of(new InputFile(name, body)));
        if (!result.errors().isEmpty()) {
            ScanError error = result.errors().getFirst();
            throw new ProblemException(422, "unreadable-workflow", "Workflow could not be audited",
                    describe(error), "body");
        }
        return report(publishIfNamed(repository, false, result, started), result, reportFormat);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Scan a bundle of files (multipart, each part's file name is its path); a file that cannot be "
            + "audited is listed under errors and the others are still scanned")
    public Response scanBundle(@RestForm(FileUpload.ALL) List<FileUpload> files, @QueryParam("format") String format,
                               @QueryParam("repository") String repository) {
        ReportFormat reportFormat = reportFormat(format);
        if (files.isEmpty()) {
            throw ProblemException.invalidField("files", "the multipart body carries no file");
        }
        if (files.size() > config.maxBundleFiles()) {
            throw tooLarge("the bundle has " + files.size() + " files; at most " + config.maxBundleFiles() + " are accepted");
        }
        long started = System.nanoTime();
        List<InputFile> readable = new ArrayList<>();
        List<ScanError> refused = new ArrayList<>();
        for (FileUpload file : files) {
            String name = checkedPath(file.fileName() == null || file.fileName().isBlank() ? file.name() : file.fileName(), "files");
            if (file.size() > config.maxFileBytes()) {
                refused.add(new ScanError(name, "file is " + file.size() + " bytes; at most " + config.maxFileBytes()
                        + " are read", 0, 0));
            } else {
                readable.add(new InputFile(name, read(file)));
            }
        }
        ScanResult scanned = engine.scan(readable);
        List<ScanError> errors = new ArrayList<>(refused);
        errors.addAll(scanned.errors());
        ScanResult result = new ScanResult(scanned.findings(), errors, files.size());
        return report(publishIfNamed(repository, true, result, started), result, reportFormat);
    }

    /**
     * With {@code ?repository=owner/name} the scan counts as a scan of that repository and is published; a
     * bundle stands for all of the repository's workflows (a full scan), a single file for one of them.
     */
    private Optional<String> publishIfNamed(String repository, boolean fullScan, ScanResult result, long startedNanos) {
        if (repository == null) {
            return Optional.empty();
        }
        if (!REPOSITORY.matcher(repository).matches()) {
            throw ProblemException.invalidField("repository", "repository must be owner/name");
        }
        String scanId = UUID.randomUUID().toString();
        RepositoryScan scan = new RepositoryScan(scanId, repository, null, null, ScanTrigger.REST, fullScan, result,
                Duration.ofNanos(System.nanoTime() - startedNanos));
        try {
            scans.publish(scan).toCompletableFuture().get(config.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unpublished();
        } catch (ExecutionException | TimeoutException e) {
            throw unpublished();
        }
        return Optional.of(scanId);
    }

    private static ProblemException unpublished() {
        return new ProblemException(503, "not-published", "Scan not published",
                "the scan ran but Kafka did not take its records in time; retry", null);
    }

    private Response report(Optional<String> scanId, ScanResult result, ReportFormat format) {
        StringWriter out = new StringWriter();
        try {
            reports.write(result, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string cannot fail", e);
        }
        Response.ResponseBuilder response = Response.ok(out.toString(), format == ReportFormat.SARIF ? SARIF_JSON : MediaType.APPLICATION_JSON);
        scanId.ifPresent(id -> response.header(SCAN_ID_HEADER, id));
        return response.build();
    }

    private static ReportFormat reportFormat(String format) {
        if (format == null || format.isBlank()) {
            return ReportFormat.JSON;
        }
        return ReportFormat.parse(format)
                .filter(f -> f == ReportFormat.JSON || f == ReportFormat.SARIF)
                .orElseThrow(() -> ProblemException.invalidField("format", "format must be json or sarif"));
    }

    /** A name that goes into findings and back to the caller: bounded and printable. */
    private static String checkedPath(String path, String field) {
        if (path == null || path.isBlank()) {
            throw ProblemException.invalidField(field, "every file needs a name (its path in the repository)");
        }
        if (path.length() > MAX_PATH_LENGTH || path.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.invalidField(field, "a file path must be at most " + MAX_PATH_LENGTH
                    + " printable characters");
        }
        return path;
    }

    private static byte[] read(FileUpload file) {
        try {
            return Files.readAllBytes(file.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException("an uploaded part could not be read back", e);
        }
    }

    private static String describe(ScanError error) {
        return error.line() > 0
                ? error.file() + ":" + error.line() + ":" + error.column() + ": " + error.message()
                : error.file() + ": " + error.message();
    }

    private static ProblemException tooLarge(String detail) {
        return new ProblemException(413, "payload-too-large", "Payload too large", detail, null);
    }
}
