"""Cross-checks compose/ and k8s/ against the code (run by ops/check with the rendered files).

Each service reads MP config, where an environment variable stands for a key with every
non-alphanumeric character replaced by '_' and upper-cased (db.connection.url -> DB_CONNECTION_URL).
An env var given to a service must stand for a key the service knows: one in its (or
subgraph-support's) microprofile-config.properties, or a config key string in its Java sources.
The gateway reads plain environment variables named in GatewayConfig.java. Ports: a service's
SERVER_PORT must be the port its probes, Service and scrape targets use; the gateway's likewise.
Tokens: every service that reads security.jwks.url is given SECURITY_JWKS_URL, and the gateway
GATEWAY_JWKS_URL, both the users service's /.well-known/jwks.json at its in-cluster address, and
GATEWAY_JWT_ISSUER/AUDIENCE equal to what users signs with. k8s/ is production: GraphiQL and
introspection off, no development signing key, the token keys (a directory mounted from the
operator's Secret, the current key named by it) and the admin password from Secrets.
"""
import glob
import json
import re
import sys
from pathlib import Path

import yaml

SERVICES = ["users", "products", "orders", "payments"]
GATEWAY = "graphql-gateway"
# read by Helidon's DB client from the db node; the password is never in a properties file
HELIDON_KEYS = {"db.connection.password"}
# Secrets created by the operator, never rendered from git (k8s/base/kustomization.yaml says how)
OPERATOR_SECRETS = {"users-jwt-keys": {"current-key"}}
# users reads its token keys from this Secret, mounted at USERS_JWT_KEY_DIRECTORY
USERS_KEYS_SECRET = "users-jwt-keys"
errors = []


def env_name(key):
    return re.sub(r"[^A-Za-z0-9]", "_", key).upper()


def service_env_names(service):
    keys = set(HELIDON_KEYS)
    for props in [Path(service) / "src/main/resources/META-INF/microprofile-config.properties",
                  Path("subgraph-support/src/main/resources/META-INF/microprofile-config.properties")]:
        for line in props.read_text().splitlines():
            if "=" in line and not line.lstrip().startswith("#"):
                keys.add(line.split("=", 1)[0].strip())
    for source in glob.glob(f"{service}/src/main/java/**/*.java", recursive=True):
        keys.update(re.findall(r'"([a-z][a-z0-9-]*(?:\.[a-z0-9-]+)+)"', Path(source).read_text()))
    return {env_name(k) for k in keys}


def gateway_env_names():
    text = "".join(Path(p).read_text() for p in glob.glob(f"{GATEWAY}/src/main/java/**/*.java", recursive=True))
    return set(re.findall(r'"([A-Z][A-Z0-9_]+)"', text))


def gateway_knows(name, known):
    return name in known or re.fullmatch(r"SUBGRAPH_[A-Z0-9]+_(URL|TIMEOUT_MS)", name) is not None


def check_env(where, process, names):
    if process in SERVICES:
        known = service_env_names(process)
        unknown = sorted(n for n in names if n not in known)
    else:
        known = gateway_env_names()
        unknown = sorted(n for n in names if not gateway_knows(n, known))
    for name in unknown:
        errors.append(f"{where}: {process} is given {name}, which it does not read")


def users_config(key):
    props = Path("users/src/main/resources/META-INF/microprofile-config.properties").read_text()
    match = re.search(rf"^{re.escape(key)}=(.*)$", props, re.MULTILINE)
    return match.group(1).strip() if match else None


def check_tokens(where, envs, users_port, production):
    """envs: process name -> {env var: value} as the deployment gives it."""
    jwks = f"http://users:{users_port}/.well-known/jwks.json"
    for service in SERVICES:
        if "SECURITY_JWKS_URL" in service_env_names(service) and envs[service].get("SECURITY_JWKS_URL") != jwks:
            errors.append(f"{where}: {service} verifies tokens but SECURITY_JWKS_URL is "
                          f"{envs[service].get('SECURITY_JWKS_URL')!r}, not {jwks}")
    gateway = envs[GATEWAY]
    expected = {"GATEWAY_JWKS_URL": jwks,
                "GATEWAY_JWT_ISSUER": users_config("users.jwt.issuer"),
                "GATEWAY_JWT_AUDIENCE": users_config("users.jwt.audience")}
    if production:
        expected.update({"GATEWAY_INTROSPECTION": "false", "GATEWAY_GRAPHIQL": "false"})
        if envs["users"].get("USERS_JWT_DEVELOPMENT_KEY_ENABLED") != "false":
            errors.append(f"{where}: users must have USERS_JWT_DEVELOPMENT_KEY_ENABLED=false (no development signing key)")
    for name, value in expected.items():
        if gateway.get(name) != value:
            errors.append(f"{where}: gateway {name} is {gateway.get(name)!r}, not {value!r}")


def check_subgraph_urls(where, env, port_of):
    for service in SERVICES:
        url = env.get(f"SUBGRAPH_{service.upper()}_URL")
        if url is None:
            errors.append(f"{where}: gateway has no SUBGRAPH_{service.upper()}_URL")
        elif not re.fullmatch(rf"http://{service}:{port_of(service)}/graphql", url):
            errors.append(f"{where}: SUBGRAPH_{service.upper()}_URL={url} does not reach {service}:{port_of(service)}")


def check_compose(path):
    compose = yaml.safe_load(Path(path).read_text())["services"]
    ports = {}
    for service in SERVICES:
        env = compose[service]["environment"]
        check_env("compose", service, env.keys())
        ports[service] = env["SERVER_PORT"]
        probe = " ".join(compose[service]["healthcheck"]["test"])
        if f"localhost:{ports[service]}/health/ready" not in probe:
            errors.append(f"compose: {service} health check does not probe its SERVER_PORT {ports[service]}")
        if compose[service].get("build", {}).get("args", {}).get("MODULE") != service:
            errors.append(f"compose: {service} image is not built from module {service}")
    gateway = compose["gateway"]
    check_env("compose", GATEWAY, gateway["environment"].keys())
    envs = {service: {k: str(v) for k, v in compose[service]["environment"].items()} for service in SERVICES}
    envs[GATEWAY] = {k: str(v) for k, v in gateway["environment"].items()}
    check_tokens("compose", envs, ports["users"], production=False)
    check_subgraph_urls("compose", gateway["environment"], ports.get)
    gport = gateway["environment"]["GATEWAY_PORT"]
    if f"localhost:{gport}/health" not in " ".join(gateway["healthcheck"]["test"]):
        errors.append("compose: gateway health check does not probe GATEWAY_PORT")
    # docker-compose config writes ports in the long form: {target, published, ...}
    if not any(isinstance(p, dict) and str(p.get("target")) == str(gport) for p in gateway.get("ports", [])):
        errors.append("compose: gateway does not publish GATEWAY_PORT")
    orders = compose["orders"]["environment"]
    for callee in ["products", "payments"]:
        if orders.get(f"{callee.upper()}_URL") != f"http://{callee}:{ports[callee]}":
            errors.append(f"compose: orders' {callee.upper()}_URL does not reach {callee}:{ports[callee]}")
    scrape = Path("tracing/prometheus/prometheus.yml").read_text()
    for service in SERVICES:
        if f"{service}:{ports[service]}" not in scrape:
            errors.append(f"tracing/prometheus: no scrape target {service}:{ports[service]}")
    if f"gateway:{gport}" not in scrape:
        errors.append(f"tracing/prometheus: no scrape target gateway:{gport}")


def check_k8s(path):
    docs = [d for d in yaml.safe_load_all(Path(path).read_text()) if d]
    by_kind = {}
    for d in docs:
        by_kind.setdefault(d["kind"], {})[d["metadata"]["name"]] = d
    # names as rendered (kustomize's hash suffix on both the object and every reference to it)
    config_maps = {name: d.get("data", {}) for name, d in by_kind.get("ConfigMap", {}).items()}
    secrets = {name: d.get("data", {}) for name, d in by_kind.get("Secret", {}).items()}
    secrets.update({name: {key: "" for key in keys} for name, keys in OPERATOR_SECRETS.items()})
    ports = {}
    envs = {}
    from_secrets = {}
    for name in SERVICES + [GATEWAY]:
        deployment = by_kind.get("Deployment", {}).get(name)
        if deployment is None:
            errors.append(f"{path}: no Deployment {name}")
            continue
        container = deployment["spec"]["template"]["spec"]["containers"][0]
        env = {}
        from_secrets[name] = set()
        for source in container.get("envFrom", []):
            if source["configMapRef"]["name"] not in config_maps:
                errors.append(f"{path}: {name} envFrom refers to missing ConfigMap {source['configMapRef']['name']}")
            env.update(config_maps.get(source["configMapRef"]["name"], {}))
        for e in container.get("env", []):
            env[e["name"]] = e.get("value", "")
            ref = e.get("valueFrom", {})
            for kind, store in [("configMapKeyRef", config_maps), ("secretKeyRef", secrets)]:
                if kind in ref:
                    key = ref[kind]
                    if key["key"] not in store.get(key["name"], {}) and not key.get("optional"):
                        errors.append(f"{path}: {name} env {e['name']} refers to missing {key['name']}/{key['key']}")
                    if kind == "secretKeyRef" and not key.get("optional"):
                        from_secrets[name].add(e["name"])
        envs[name] = env
        check_env(path, name, env.keys())
        port = int(env.get("SERVER_PORT" if name in SERVICES else "GATEWAY_PORT", 0))
        ports[name] = port
        declared = {p["name"]: p["containerPort"] for p in container["ports"]}
        if declared.get("http") != port:
            errors.append(f"{path}: {name} containerPort http={declared.get('http')} but the process listens on {port}")
        for probe, path_expected in [("readinessProbe", "/health/ready"), ("livenessProbe", "/health/live")]:
            http = container.get(probe, {}).get("httpGet", {})
            if http.get("path") != path_expected or http.get("port") not in ("http", port):
                errors.append(f"{path}: {name} {probe} is not {path_expected} on its port")
        if "resources" not in container or "limits" not in container["resources"]:
            errors.append(f"{path}: {name} has no resource limits")
        service = by_kind.get("Service", {}).get(name)
        if service is None or service["spec"]["ports"][0]["targetPort"] not in ("http", port):
            errors.append(f"{path}: no Service {name} targeting its port")
        if name not in by_kind.get("HorizontalPodAutoscaler", {}):
            errors.append(f"{path}: no HorizontalPodAutoscaler for {name}")
    if len(envs) < len(SERVICES) + 1:
        return
    service_port = lambda s: by_kind["Service"][s]["spec"]["ports"][0]["port"]
    check_subgraph_urls(path, envs[GATEWAY], service_port)
    check_tokens(path, envs, service_port("users"), production=True)
    for name in ["USERS_JWT_CURRENT_KEY", "USERS_ADMIN_PASSWORD"]:
        if name not in from_secrets["users"]:
            errors.append(f"{path}: users {name} does not come from a (non-optional) Secret")
    check_users_key_directory(path, by_kind["Deployment"]["users"], envs["users"])


def check_users_key_directory(path, deployment, env):
    """The key directory users reads is the operator's Secret, mounted (the current key's name comes from it too)."""
    pod = deployment["spec"]["template"]["spec"]
    secret_volumes = {v["name"] for v in pod.get("volumes", [])
                      if v.get("secret", {}).get("secretName") == USERS_KEYS_SECRET and not v["secret"].get("optional")}
    mounts = {m["mountPath"].rstrip("/") for m in pod["containers"][0].get("volumeMounts", []) if m["name"] in secret_volumes}
    directory = env.get("USERS_JWT_KEY_DIRECTORY", "").rstrip("/")
    if not directory or directory not in mounts:
        errors.append(f"{path}: users USERS_JWT_KEY_DIRECTORY={directory!r} is not where Secret {USERS_KEYS_SECRET} is mounted")
    for single in ["USERS_JWT_PRIVATE_KEY", "USERS_JWT_PRIVATE_KEY_FILE"]:
        if single in env:
            errors.append(f"{path}: users {single} would override the rotated keys of USERS_JWT_KEY_DIRECTORY")


work = Path(sys.argv[1])
check_compose(work / "compose.yml")
for rendered in sorted(work.glob("*.yaml")):
    check_k8s(rendered)
for e in errors:
    print("ops/check:", e)
if errors:
    sys.exit(1)
print("ops/check: compose/ and k8s/ render; their env vars, ports and token settings match the code")
