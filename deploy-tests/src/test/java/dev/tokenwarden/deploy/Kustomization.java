package dev.tokenwarden.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Renders a kustomization the way {@code kubectl kustomize} does, for the subset this repository uses:
 * {@code resources} (files and directories), {@code namespace}, {@code images}, {@code replicas} and
 * strategic-merge {@code patches} (by the patch's own kind and name, or to every resource a {@code target}
 * kind selects). Anything else in a kustomization.yaml fails the render, so the subset cannot drift silently;
 * {@code KustomizationRenderingTest} compares the result with kubectl's wherever kubectl is installed.
 */
final class Kustomization {
    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "namespace", "images", "replicas", "patches");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace");

    private Kustomization() {
    }

    static List<Map<String, Object>> render(Path directory) {
        Path file = directory.resolve("kustomization.yaml");
        Map<String, Object> kustomization = RepositoryFiles.yamlDocument(file);
        for (String key : kustomization.keySet()) {
            if (!SUPPORTED.contains(key)) {
                throw new IllegalStateException(file + ": field '" + key + "' is outside the subset these tests render");
            }
        }
        List<Map<String, Object>> resources = new ArrayList<>();
        for (Object entry : Yaml.list(kustomization.getOrDefault("resources", List.of()), file + " resources")) {
            Path resource = directory.resolve(String.valueOf(entry)).normalize();
            resources.addAll(Files.isDirectory(resource) ? render(resource) : RepositoryFiles.yamlDocuments(resource));
        }
        for (Map<String, Object> patch : Yaml.maps(kustomization.getOrDefault("patches", List.of()), file + " patches")) {
            applyPatch(directory, patch, resources);
        }
        for (Map<String, Object> image : Yaml.maps(kustomization.getOrDefault("images", List.of()), file + " images")) {
            resources.forEach(resource -> retagImages(resource, image));
        }
        for (Map<String, Object> replicas : Yaml.maps(kustomization.getOrDefault("replicas", List.of()), file + " replicas")) {
            resources.stream()
                    .filter(r -> "Deployment".equals(r.get("kind")) && replicas.get("name").equals(Yaml.string(r, "metadata", "name")))
                    .forEach(r -> Yaml.map(r.get("spec"), "spec").put("replicas", replicas.get("count")));
        }
        Object namespace = kustomization.get("namespace");
        if (namespace != null) {
            resources.stream()
                    .filter(r -> !CLUSTER_SCOPED.contains(r.get("kind")))
                    .forEach(r -> Yaml.map(r.get("metadata"), "metadata").put("namespace", namespace));
        }
        return resources;
    }

    private static void applyPatch(Path directory, Map<String, Object> patchEntry, List<Map<String, Object>> resources) {
        Map<String, Object> patch = RepositoryFiles.yamlDocument(directory.resolve(String.valueOf(patchEntry.get("path"))));
        Map<String, Object> target = patchEntry.containsKey("target")
                ? Yaml.map(patchEntry.get("target"), "target")
                : Map.of("kind", patch.get("kind"), "name", Yaml.string(patch, "metadata", "name"));
        List<Map<String, Object>> matched = resources.stream()
                .filter(r -> r.get("kind").equals(target.get("kind")))
                .filter(r -> !target.containsKey("name") || target.get("name").equals(Yaml.string(r, "metadata", "name")))
                .toList();
        if (matched.isEmpty()) {
            throw new IllegalStateException("patch " + patchEntry + " in " + directory + " matches no resource");
        }
        for (Map<String, Object> resource : matched) {
            Map<String, Object> body = deepCopy(patch);
            body.remove("metadata");
            merge(resource, body);
        }
    }

    /** Strategic merge: mappings merge key by key, sequences of named mappings merge by name, null deletes. */
    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> into, Map<String, Object> patch) {
        patch.forEach((key, value) -> {
            Object existing = into.get(key);
            if (value == null) {
                into.remove(key);
            } else if (existing instanceof Map<?, ?> existingMap && value instanceof Map<?, ?> valueMap) {
                merge((Map<String, Object>) existingMap, (Map<String, Object>) valueMap);
            } else if (existing instanceof List<?> existingList && value instanceof List<?> valueList && namedMaps(valueList)) {
                for (Object item : valueList) {
                    Map<String, Object> patchItem = (Map<String, Object>) item;
                    existingList.stream()
                            .map(e -> (Map<String, Object>) e)
                            .filter(e -> Objects.equals(e.get("name"), patchItem.get("name")))
                            .findFirst()
                            .ifPresentOrElse(e -> merge(e, patchItem), () -> ((List<Object>) existingList).add(patchItem));
                }
            } else {
                into.put(key, value);
            }
        });
    }

    /** Each matched resource gets its own copy, so no two rendered resources share a mutable node. */
    @SuppressWarnings("unchecked")
    private static <T> T deepCopy(T node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, value) -> copy.put((String) key, deepCopy(value)));
            return (T) copy;
        }
        if (node instanceof List<?> list) {
            return (T) new ArrayList<>(list.stream().map(Kustomization::deepCopy).toList());
        }
        return node;
    }

    private static boolean namedMaps(List<?> list) {
        return !list.isEmpty() && list.stream().allMatch(item -> item instanceof Map<?, ?> m && m.containsKey("name"));
    }

    private static void retagImages(Map<String, Object> resource, Map<String, Object> image) {
        Yaml.at(resource, "spec", "template", "spec", "containers").ifPresent(containers -> {
            for (Map<String, Object> container : Yaml.maps(containers, "containers")) {
                String reference = String.valueOf(container.get("image"));
                int tag = reference.lastIndexOf(':');
                boolean tagged = tag > reference.lastIndexOf('/');
                String name = tagged ? reference.substring(0, tag) : reference;
                if (name.equals(image.get("name"))) {
                    String newName = String.valueOf(image.getOrDefault("newName", name));
                    String oldTag = tagged ? reference.substring(tag + 1) : "latest";
                    container.put("image", newName + ":" + image.getOrDefault("newTag", oldTag));
                }
            }
        });
    }
}
