package dev.tokenwarden.sandbox.vault;

import static dev.tokenwarden.sandbox.vault.VaultReply.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The routes of the in-memory server and what every request goes through first: the seal, the
 * namespace, the token and its ACL policies. Policies and tokens are global; KV mounts belong to a
 * namespace ({@code ""} is the root namespace).
 */
final class VaultApi {
    private final Clock clock;
    private final TokenStore tokens;
    private final Map<String, String> policyTexts = new ConcurrentHashMap<>();
    private final Map<String, AclPolicy> policies = new ConcurrentHashMap<>();
    private final Map<String, Map<String, KvV2Engine>> mountsByNamespace = new ConcurrentHashMap<>();
    private final Map<String, AppRoleAuth> appRoleMounts = new ConcurrentHashMap<>();
    private volatile boolean sealed;

    VaultApi(Clock clock, String rootToken) {
        this.clock = clock;
        this.tokens = new TokenStore(clock);
        tokens.addRoot(rootToken);
        mountsByNamespace.put("", new ConcurrentHashMap<>());
    }

    record Request(String method, String path, Map<String, String> query, JsonNode body, String token, String namespace) {
        boolean isList() {
            return method.equals("LIST") || (method.equals("GET") && "true".equals(query.get("list")));
        }

        /** The path ACL policies see: a list is always of a folder, with its trailing slash. */
        String aclPath() {
            return isList() ? path + "/" : path;
        }

        boolean isWrite() {
            return method.equals("POST") || method.equals("PUT");
        }
    }

    private record Route(String capability, Supplier<VaultReply> action) {
    }

    void seal(boolean sealed) {
        this.sealed = sealed;
    }

    VaultReply handle(Request request) {
        try {
            return dispatch(request);
        } catch (VaultError e) {
            return e.reply();
        }
    }

    private VaultReply dispatch(Request request) {
        if (request.path().equals("sys/health")) {
            return health();
        }
        if (sealed) {
            throw VaultError.of(503, "Vault is sealed");
        }
        Map<String, KvV2Engine> mounts = mountsOf(request.namespace());
        Optional<String> appRoleMount = mountOf(appRoleMounts.keySet(), "auth/", request.path());
        if (appRoleMount.isPresent() && request.path().equals("auth/" + appRoleMount.get() + "login") && request.isWrite()) {
            return appRoleMounts.get(appRoleMount.get()).login(appRoleMount.get(), request.body());
        }
        TokenStore.Token token = tokens.authenticate(request.token());
        Route route = route(request, token, mounts, appRoleMount);
        if (!token.isRoot() && !AclPolicy.allows(policiesOf(token), request.aclPath(), route.capability())) {
            throw VaultError.permissionDenied();
        }
        return route.action().get();
    }

    private Route route(Request request, TokenStore.Token token, Map<String, KvV2Engine> mounts, Optional<String> appRoleMount) {
        String path = request.path();
        String method = request.method();
        JsonNode body = request.body();
        switch (path) {
            case "auth/token/create" -> {
                return new Route("update", () -> tokens.create(token, body));
            }
            case "auth/token/lookup-self" -> {
                return new Route("read", () -> tokens.lookupSelf(token));
            }
            case "auth/token/renew-self" -> {
                return new Route("update", () -> tokens.renewSelf(token, body));
            }
            case "auth/token/revoke-self" -> {
                return new Route("update", () -> tokens.revokeSelf(token));
            }
            case "sys/mounts" -> {
                return new Route("read", () -> listMounts(mounts));
            }
            case "sys/auth" -> {
                return new Route("read", this::listAuthMounts);
            }
            case "sys/policies/acl" -> {
                return new Route("list", () -> keys(policyTexts.keySet()));
            }
            default -> {
                // routes with a name in the path follow
            }
        }
        if (path.startsWith("sys/mounts/")) {
            String mount = folder(path.substring("sys/mounts/".length()));
            return switch (method) {
                case "GET" -> new Route("read", () -> readMount(mounts, mount));
                case "DELETE" -> new Route("delete", () -> unmount(mounts, mount));
                default -> new Route("update", () -> mount(mounts, mount, body));
            };
        }
        if (path.startsWith("sys/auth/")) {
            String mount = folder(path.substring("sys/auth/".length()));
            return switch (method) {
                case "GET" -> new Route("read", () -> readAuth(mount));
                case "DELETE" -> new Route("delete", () -> disableAuth(mount));
                default -> new Route("update", () -> enableAuth(mount, body));
            };
        }
        if (path.startsWith("sys/policies/acl/")) {
            String name = path.substring("sys/policies/acl/".length());
            return switch (method) {
                case "GET" -> new Route("read", () -> readPolicy(name));
                case "DELETE" -> new Route("delete", () -> deletePolicy(name));
                default -> new Route("update", () -> writePolicy(name, body));
            };
        }
        if (path.startsWith("sys/namespaces/")) {
            String name = folder(path.substring("sys/namespaces/".length()));
            return method.equals("DELETE") ? new Route("delete", () -> deleteNamespace(name))
                    : new Route("update", () -> createNamespace(name));
        }
        if (appRoleMount.isPresent()) {
            return appRoleRoute(request, appRoleMounts.get(appRoleMount.get()),
                    path.substring(("auth/" + appRoleMount.get()).length()));
        }
        Optional<String> kvMount = mountOf(mounts.keySet(), "", path);
        if (kvMount.isPresent()) {
            return kvRoute(request, mounts.get(kvMount.get()), path.substring(kvMount.get().length()));
        }
        return new Route(capabilityOf(request, false), () -> {
            throw VaultError.of(404, "no handler for route \"" + path + "\". route entry not found.");
        });
    }

    private static Route appRoleRoute(Request request, AppRoleAuth appRole, String rest) {
        String[] parts = rest.split("/");
        if (parts.length >= 2 && parts[0].equals("role")) {
            String name = parts[1];
            if (parts.length == 2) {
                return switch (request.method()) {
                    case "GET" -> new Route("read", () -> appRole.readRole(name));
                    case "DELETE" -> new Route("delete", () -> appRole.deleteRole(name));
                    default -> new Route(appRole.hasRole(name) ? "update" : "create", () -> appRole.writeRole(name, request.body()));
                };
            }
            if (parts.length == 3 && parts[2].equals("role-id")) {
                return request.isWrite() ? new Route("update", () -> appRole.writeRoleId(name, request.body()))
                        : new Route("read", () -> appRole.readRoleId(name));
            }
            if (parts.length == 3 && parts[2].equals("secret-id") && request.isWrite()) {
                return new Route("update", () -> appRole.generateSecretId(name));
            }
        }
        return new Route(capabilityOf(request, false), () -> {
            throw VaultError.of(404, "unsupported path");
        });
    }

    private static Route kvRoute(Request request, KvV2Engine kv, String rest) {
        int slash = rest.indexOf('/');
        String area = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        JsonNode body = request.body();
        String method = request.method();
        switch (area) {
            case "config" -> {
                return request.isWrite() ? new Route("update", () -> kv.writeConfig(body)) : new Route("read", kv::readConfig);
            }
            case "data" -> {
                if (request.isWrite()) {
                    return new Route(capabilityOf(request, kv.exists(key)), () -> kv.write(key, body));
                }
                if (method.equals("DELETE")) {
                    return new Route("delete", () -> kv.deleteLatest(key));
                }
                int version = Integer.parseInt(request.query().getOrDefault("version", "0"));
                return new Route("read", () -> kv.read(key, version));
            }
            case "metadata" -> {
                if (request.isList()) {
                    return new Route("list", () -> kv.list(key));
                }
                if (request.isWrite()) {
                    return new Route(capabilityOf(request, kv.exists(key)), () -> kv.writeMetadata(key, body));
                }
                if (method.equals("DELETE")) {
                    return new Route("delete", () -> kv.deleteMetadata(key));
                }
                return new Route("read", () -> kv.readMetadata(key));
            }
            case "delete", "undelete", "destroy" -> {
                return new Route("update", () -> kv.changeVersions(area, key, body));
            }
            default -> {
                return new Route(capabilityOf(request, false), () -> {
                    throw VaultError.of(404, "unsupported path");
                });
            }
        }
    }

    private static String capabilityOf(Request request, boolean exists) {
        if (request.isList()) {
            return "list";
        }
        return switch (request.method()) {
            case "GET" -> "read";
            case "DELETE" -> "delete";
            default -> exists ? "update" : "create";
        };
    }

    private List<AclPolicy> policiesOf(TokenStore.Token token) {
        List<AclPolicy> out = new ArrayList<>();
        for (String name : token.policies) {
            if (name.equals("default")) {
                out.add(AclPolicy.DEFAULT);
            } else if (policies.containsKey(name)) {
                out.add(policies.get(name));
            }
        }
        return out;
    }

    private Map<String, KvV2Engine> mountsOf(String namespace) {
        String name = namespace == null ? "" : folder(namespace.strip());
        if (name.equals("/") || name.equals("root/")) {
            name = "";
        }
        Map<String, KvV2Engine> mounts = mountsByNamespace.get(name);
        if (mounts == null) {
            throw VaultError.of(404, "namespace not found");
        }
        return mounts;
    }

    /** The longest mount (ending in {@code /}) that {@code path}, after {@code prefix}, lies under. */
    private static Optional<String> mountOf(java.util.Set<String> mounts, String prefix, String path) {
        if (!path.startsWith(prefix)) {
            return Optional.empty();
        }
        String rest = path.substring(prefix.length()) + "/";
        return mounts.stream().filter(rest::startsWith).max(java.util.Comparator.comparingInt(String::length));
    }

    private static String folder(String path) {
        if (path.isEmpty()) {
            return "";
        }
        return path.endsWith("/") ? path : path + "/";
    }

    private VaultReply mount(Map<String, KvV2Engine> mounts, String mount, JsonNode body) {
        String type = body.path("type").asText();
        String version = body.path("options").path("version").asText("1");
        boolean kv2 = type.equals("kv-v2") || (type.equals("kv") && version.equals("2"));
        if (!kv2) {
            throw VaultError.of(400, "the in-memory dev server supports only KV version 2 mounts, not \"" + type + "\"");
        }
        if (mounts.putIfAbsent(mount, new KvV2Engine(clock)) != null) {
            throw VaultError.of(400, "path is already in use at " + mount);
        }
        return VaultReply.noContent();
    }

    private static VaultReply readMount(Map<String, KvV2Engine> mounts, String mount) {
        if (!mounts.containsKey(mount)) {
            throw VaultError.of(400, "No secret engine mount at " + mount);
        }
        ObjectNode data = JSON.objectNode();
        data.put("type", "kv");
        data.putObject("options").put("version", "2");
        return VaultReply.data(data);
    }

    private static VaultReply unmount(Map<String, KvV2Engine> mounts, String mount) {
        mounts.remove(mount);
        return VaultReply.noContent();
    }

    private static VaultReply listMounts(Map<String, KvV2Engine> mounts) {
        ObjectNode data = JSON.objectNode();
        mounts.keySet().forEach(mount -> {
            ObjectNode entry = data.putObject(mount);
            entry.put("type", "kv");
            entry.putObject("options").put("version", "2");
        });
        return VaultReply.data(data);
    }

    private VaultReply enableAuth(String mount, JsonNode body) {
        String type = body.path("type").asText();
        if (!type.equals("approle")) {
            throw VaultError.of(400, "plugin not found in the catalog: " + type);
        }
        if (mount.equals("token/") || appRoleMounts.putIfAbsent(mount, new AppRoleAuth(clock, tokens)) != null) {
            throw VaultError.of(400, "path is already in use at " + mount);
        }
        return VaultReply.noContent();
    }

    private VaultReply readAuth(String mount) {
        if (!appRoleMounts.containsKey(mount)) {
            throw VaultError.of(400, "No auth engine at " + mount);
        }
        ObjectNode data = JSON.objectNode();
        data.put("type", "approle");
        return VaultReply.data(data);
    }

    private VaultReply disableAuth(String mount) {
        appRoleMounts.remove(mount);
        return VaultReply.noContent();
    }

    private VaultReply listAuthMounts() {
        ObjectNode data = JSON.objectNode();
        data.putObject("token/").put("type", "token");
        appRoleMounts.keySet().forEach(mount -> data.putObject(mount).put("type", "approle"));
        return VaultReply.data(data);
    }

    private VaultReply writePolicy(String name, JsonNode body) {
        if (name.equals("root") || name.equals("default")) {
            throw VaultError.of(400, "cannot update \"" + name + "\" policy");
        }
        String text = body.path("policy").asText("");
        policies.put(name, AclPolicy.parse(text));
        policyTexts.put(name, text);
        return VaultReply.noContent();
    }

    private VaultReply readPolicy(String name) {
        String text = policyTexts.get(name);
        if (text == null) {
            throw VaultError.notFound();
        }
        ObjectNode data = JSON.objectNode();
        data.put("name", name);
        data.put("policy", text);
        return VaultReply.data(data);
    }

    private VaultReply deletePolicy(String name) {
        policies.remove(name);
        policyTexts.remove(name);
        return VaultReply.noContent();
    }

    private VaultReply createNamespace(String name) {
        mountsByNamespace.putIfAbsent(name, new ConcurrentHashMap<>());
        ObjectNode data = JSON.objectNode();
        data.put("path", name);
        return VaultReply.data(data);
    }

    private VaultReply deleteNamespace(String name) {
        mountsByNamespace.remove(name);
        return VaultReply.noContent();
    }

    private static VaultReply keys(java.util.Collection<String> names) {
        ObjectNode data = JSON.objectNode();
        names.stream().sorted().forEach(data.putArray("keys")::add);
        return VaultReply.data(data);
    }

    private VaultReply health() {
        ObjectNode body = JSON.objectNode();
        body.put("initialized", true);
        body.put("sealed", sealed);
        body.put("standby", sealed);
        body.put("server_time_utc", clock.instant().getEpochSecond());
        body.put("version", "tokenwarden-in-memory-dev");
        body.put("cluster_name", "tokenwarden-dev");
        return new VaultReply(sealed ? 503 : 200, body);
    }
}
