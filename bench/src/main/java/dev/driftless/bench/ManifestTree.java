package dev.driftless.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A generated application tree of plain manifests, written the way people write them: each service is a
 * ConfigMap, a Secret, a Deployment and a Service, twenty objects to a file, files spread over ten directories.
 */
final class ManifestTree {

    static final int OBJECTS_PER_FILE = 20;
    private static final int DIRECTORIES = 10;
    private static final List<String> KINDS_PER_SERVICE = List.of("ConfigMap", "Secret", "Deployment", "Service");

    private ManifestTree() {
    }

    /** The files of a tree holding {@code objects} objects, by path relative to the application directory. */
    static Map<String, String> files(int objects) {
        Map<String, List<String>> documentsByFile = new TreeMap<>();
        for (int index = 0; index < objects; index++) {
            int file = index / OBJECTS_PER_FILE;
            String path = "team-%02d/services-%03d.yaml".formatted(file % DIRECTORIES, file);
            documentsByFile.computeIfAbsent(path, ignored -> new ArrayList<>())
                    .add(document(KINDS_PER_SERVICE.get(index % KINDS_PER_SERVICE.size()), index / KINDS_PER_SERVICE.size()));
        }
        Map<String, String> files = new TreeMap<>();
        documentsByFile.forEach((path, documents) -> files.put(path, String.join("---\n", documents)));
        return files;
    }

    static void write(Path directory, Map<String, String> files) {
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path target = directory.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the generated tree under " + directory, e);
        }
    }

    private static String document(String kind, int service) {
        String name = "svc-%04d".formatted(service);
        return switch (kind) {
            case "ConfigMap" -> configMap(name, service);
            case "Secret" -> secret(name, service);
            case "Deployment" -> deployment(name, service);
            case "Service" -> service(name);
            default -> throw new IllegalArgumentException("no template for kind " + kind);
        };
    }

    private static String configMap(String name, int service) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %1$s-config
                  labels:
                    app.kubernetes.io/name: %1$s
                    app.kubernetes.io/part-of: bench
                data:
                  LOG_LEVEL: info
                  FEATURE_FLAGS: "search,checkout,beta-%2$d"
                  application.yaml: |
                    server:
                      port: 8080
                    upstream:
                      url: http://svc-%3$04d:80
                      timeoutSeconds: 5
                """.formatted(name, service % 7, service + 1);
    }

    private static String secret(String name, int service) {
        Base64.Encoder base64 = Base64.getEncoder();
        return """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: %1$s-credentials
                  labels:
                    app.kubernetes.io/name: %1$s
                    app.kubernetes.io/part-of: bench
                type: Opaque
                data:
                  username: %2$s
                  password: %3$s
                """.formatted(name,
                base64.encodeToString(("user-" + service).getBytes(StandardCharsets.UTF_8)),
                base64.encodeToString(("not-a-real-password-" + service).getBytes(StandardCharsets.UTF_8)));
    }

    private static String deployment(String name, int service) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %1$s
                  labels:
                    app.kubernetes.io/name: %1$s
                    app.kubernetes.io/part-of: bench
                spec:
                  replicas: %2$d
                  selector:
                    matchLabels:
                      app.kubernetes.io/name: %1$s
                  template:
                    metadata:
                      labels:
                        app.kubernetes.io/name: %1$s
                        app.kubernetes.io/part-of: bench
                    spec:
                      containers:
                      - name: app
                        image: registry.example.com/bench/%1$s:1.%3$d.0
                        ports:
                        - name: http
                          containerPort: 8080
                          protocol: TCP
                        - name: metrics
                          containerPort: 9090
                          protocol: TCP
                        env:
                        - name: SERVICE_NAME
                          value: %1$s
                        - name: HTTP_PORT
                          value: "8080"
                        - name: LOG_LEVEL
                          valueFrom:
                            configMapKeyRef:
                              name: %1$s-config
                              key: LOG_LEVEL
                        - name: DB_PASSWORD
                          valueFrom:
                            secretKeyRef:
                              name: %1$s-credentials
                              key: password
                        resources:
                          requests:
                            cpu: %4$dm
                            memory: %5$dMi
                          limits:
                            cpu: "1"
                            memory: %6$dMi
                        readinessProbe:
                          httpGet:
                            path: /ready
                            port: http
                          periodSeconds: 10
                        volumeMounts:
                        - name: config
                          mountPath: /etc/%1$s
                          readOnly: true
                      - name: log-shipper
                        image: registry.example.com/bench/log-shipper:2.4.1
                        resources:
                          requests:
                            cpu: 50m
                            memory: 64Mi
                          limits:
                            memory: 128Mi
                      volumes:
                      - name: config
                        configMap:
                          name: %1$s-config
                """.formatted(name, 1 + service % 3, service % 20, 100 + 50 * (service % 4),
                128 << (service % 3), 256 << (service % 3));
    }

    private static String service(String name) {
        return """
                apiVersion: v1
                kind: Service
                metadata:
                  name: %1$s
                  labels:
                    app.kubernetes.io/name: %1$s
                    app.kubernetes.io/part-of: bench
                spec:
                  type: ClusterIP
                  selector:
                    app.kubernetes.io/name: %1$s
                  ports:
                  - name: http
                    port: 80
                    targetPort: http
                    protocol: TCP
                  - name: metrics
                    port: 9090
                    targetPort: metrics
                    protocol: TCP
                """.formatted(name);
    }
}
