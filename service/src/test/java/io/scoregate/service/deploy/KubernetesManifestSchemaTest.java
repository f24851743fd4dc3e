package io.scoregate.service.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every manifest under deploy/kubernetes/ read into the Kubernetes API model (fabric8's classes, generated
 * from the API's OpenAPI document): a wrong type fails to bind, and a field the API does not have (a typo such
 * as {@code replica}, which the API server would drop) is reported with its path. fabric8 keeps unknown fields
 * in each object's additionalProperties instead of failing, so the test walks the bound objects for them.
 * Required fields are checked by deploy/kubernetes/validate/ (kubernetes-models), which does not see unknown
 * fields; the two together cover both.
 */
class KubernetesManifestSchemaTest {

    private static final Path MANIFESTS = Path.of("").toAbsolutePath().getParent().resolve("deploy/kubernetes");
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "Deployment", Deployment.class, "Service", Service.class, "ConfigMap", ConfigMap.class,
            "Secret", Secret.class, "PodDisruptionBudget", PodDisruptionBudget.class);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void shouldBindEveryManifestWithNoFieldTheApiLacks() throws Exception {
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(MANIFESTS, MANIFESTS.resolve("examples"))) {
            try (Stream<Path> list = Files.list(dir)) {
                list.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
            }
        }
        int bound = 0;
        for (Path file : files) {
            try (var docs = YAML.readValues(YAML.getFactory().createParser(file.toFile()), JsonNode.class)) {
                while (docs.hasNext()) {
                    JsonNode doc = docs.next();
                    String where = MANIFESTS.relativize(file) + " " + doc.path("kind").asText() + "/"
                            + doc.at("/metadata/name").asText();
                    assertThat(unknownFields(doc)).as(where).isEmpty();
                    bound++;
                }
            }
        }
        assertThat(bound).as("manifests bound").isGreaterThanOrEqualTo(6);
    }

    @Test
    void shouldReportAMisspeltFieldAndAWrongApiVersion() throws Exception {
        JsonNode deployment = YAML.readTree("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  replica: 3
                  selector: {matchLabels: {a: b}}
                  template:
                    metadata: {labels: {a: b}}
                    spec:
                      containers:
                        - name: c
                          image: i
                          readinessProbe: {httpGet: {path: /q/health/ready, port: 8080, paht: /x}}
                """);
        assertThat(unknownFields(deployment)).containsExactlyInAnyOrder("spec: [replica]",
                "spec.template.spec.containers[0].readinessProbe.httpGet: [paht]");
        JsonNode pdb = YAML.readTree("{apiVersion: policy/v1beta1, kind: PodDisruptionBudget, metadata: {name: x}}");
        assertThat(unknownFields(pdb)).containsExactly("apiVersion policy/v1beta1, the model is policy/v1");
    }

    /** The fields of {@code doc} its kind's API object does not have, and a wrong apiVersion. */
    private static List<String> unknownFields(JsonNode doc) throws Exception {
        Class<? extends HasMetadata> type = KINDS.get(doc.path("kind").asText());
        assertThat(type).as("a kind this test knows: " + doc.path("kind")).isNotNull();
        List<String> out = new ArrayList<>();
        String expected = type.getDeclaredConstructor().newInstance().getApiVersion();
        if (!expected.equals(doc.path("apiVersion").asText())) {
            out.add("apiVersion " + doc.path("apiVersion").asText() + ", the model is " + expected);
        }
        walk(YAML.treeToValue(doc, type), "", out);
        return out;
    }

    private static void walk(Object value, String path, List<String> out) throws Exception {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                walk(e.getValue(), path + "." + e.getKey(), out);
            }
        } else if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                walk(item, path + "[" + i++ + "]", out);
            }
        } else if (value != null && value.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            for (Method getter : value.getClass().getMethods()) {
                if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                        || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                    continue;
                }
                Object field;
                try {
                    field = getter.invoke(value);
                } catch (InvocationTargetException derivedPropertyThatFailed) {
                    continue; // a computed convenience (HasMetadata's plural and the like), not a field
                }
                if (getter.getName().equals("getAdditionalProperties")) {
                    if (field instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        out.add((path.isEmpty() ? "" : path.substring(1)) + ": " + extra.keySet());
                    }
                } else {
                    String name = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
                    walk(field, path + "." + name, out);
                }
            }
        }
    }
}
