package dev.driftless.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The generated repositories and declarative configuration of the service benchmark. Each application is a
 * directory of the monorepo: a Deployment, a Service, the ConfigMap {@code settings} (the one the benchmark
 * changes, in a file of its own) and as many more ConfigMaps as make up its object count.
 */
final class ServiceManifests {

    static final String CHANGED_CONFIG_MAP = "settings";
    static final String CHANGED_KEY = "revision";
    static final String INITIAL_VALUE = "initial";
    /** The Deployment, the Service and the ConfigMap {@code settings}. */
    static final int FIXED_OBJECTS = 3;

    private ServiceManifests() {
    }

    static String appName(int index) {
        return "app-%05d".formatted(index);
    }

    static String settingsPath(int index) {
        return "apps/" + appName(index) + "/settings.yaml";
    }

    /** Every application's files, path to content. */
    static Map<String, String> monorepo(int apps, int objects) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < apps; i++) {
            files.put(settingsPath(i), settings(INITIAL_VALUE));
            files.put("apps/" + appName(i) + "/objects.yaml", objects(appName(i), objects - FIXED_OBJECTS));
        }
        return files;
    }

    static String settings(String value) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: %s}
                data: {%s: "%s", mode: bench}
                """.formatted(CHANGED_CONFIG_MAP, CHANGED_KEY, value);
    }

    private static String objects(String app, int configMaps) {
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, labels: {app: %1$s}}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: %1$s}}
                  template:
                    metadata: {labels: {app: %1$s}}
                    spec:
                      containers:
                      - name: web
                        image: registry.example.com/%1$s:1.0.0
                        ports: [{containerPort: 8080, name: http}]
                        envFrom: [{configMapRef: {name: settings}}]
                        resources: {requests: {cpu: 50m, memory: 64Mi}, limits: {memory: 128Mi}}
                        readinessProbe: {httpGet: {path: /ready, port: http}}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec:
                  selector: {app: %1$s}
                  ports: [{name: http, port: 80, targetPort: http}]
                """.formatted(app);
        String maps = IntStream.range(0, configMaps).mapToObj(i -> """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: config-%02d}
                data: {index: "%d", app.properties: "name=%s\\nfeature.%d=on\\n"}
                """.formatted(i, i, app, i)).collect(Collectors.joining("---\n"));
        return configMaps == 0 ? deployment : deployment + "---\n" + maps;
    }

    static String cluster(String name, String kubeconfigFile) {
        return """
                apiVersion: driftless.dev/v1alpha1
                kind: Cluster
                metadata: {name: %s}
                spec: {kubeconfig: %s, context: bench}
                """.formatted(name, kubeconfigFile);
    }

    /** A project that allows every repository, destination and kind, as the built-in {@code default} does. */
    static String openProject(String name) {
        return """
                apiVersion: driftless.dev/v1alpha1
                kind: Project
                metadata: {name: %s}
                spec:
                  sourceRepos: ["*"]
                  destinations: [{cluster: "*", namespace: "*"}]
                  clusterResourceWhitelist: [{group: "*", kind: "*"}]
                """.formatted(name);
    }

    /** An automated, pruning, self-healing application that creates its namespace, named after itself. */
    static String automatedApplication(String name, String repoUrl, String path, String cluster) {
        return """
                apiVersion: driftless.dev/v1alpha1
                kind: Application
                metadata: {name: %1$s, labels: {bench: scenario}}
                spec:
                  project: bench
                  source: {repoURL: "%2$s", targetRevision: main, path: %3$s}
                  destination: {cluster: %4$s, namespace: %1$s}
                  syncPolicy:
                    automated: {prune: true, selfHeal: true}
                    syncOptions: [CreateNamespace=true]
                """.formatted(name, repoUrl, path, cluster);
    }

    /** A manual application, only compared, labelled with one of {@code teams} teams. */
    static String listedApplication(int index, int teams, String repoUrl, String cluster) {
        return """
                apiVersion: driftless.dev/v1alpha1
                kind: Application
                metadata: {name: list-%05d, labels: {team: %s}}
                spec:
                  project: list
                  source: {repoURL: "%s", targetRevision: main, path: app}
                  destination: {cluster: %s, namespace: list}
                """.formatted(index, team(index % teams), repoUrl, cluster);
    }

    static String team(int index) {
        return "t%03d".formatted(index);
    }

    static String documents(List<String> documents) {
        return String.join("---\n", documents);
    }
}
