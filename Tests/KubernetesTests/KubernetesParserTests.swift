import Graph
import Kubernetes
import Testing

func parse(_ text: String, path: String = "k.yaml") throws -> ParsedFile {
    try KubernetesParser().parse(SourceFile(path: path, text: text))
}

func resource(_ file: ParsedFile, _ id: String) throws -> Resource {
    try #require(file.resources.first { $0.id == id }, "no resource \(id) in \(file.resources.map(\.id))")
}

func path(_ text: String) -> AttributePath {
    AttributePath(parsing: text) ?? AttributePath()
}

@Test func multiDocumentStreamsGiveOneResourcePerObject() throws {
    let file = try parse(
        """
        # Source: shop/templates/ns.yaml
        apiVersion: v1
        kind: Namespace
        metadata:
          name: shop
          labels: {istio-injection: enabled}
        ---
        # Source: shop/templates/svc.yaml
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          namespace: shop
        spec:
          selector: {app: web}
        ---
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
        """)
    #expect(file.resources.map(\.id) == ["Namespace/shop", "Service/shop/web", "ConfigMap/default/settings"])
    #expect(file.resources.map(\.kind) == ["kubernetes/Namespace", "kubernetes/Service", "kubernetes/ConfigMap"])
    let ns = try resource(file, "Namespace/shop")
    #expect(ns.attributes["labels"] == ["istio-injection": "enabled"])
    #expect(ns.attributes["namespace"] == .null)
    #expect(ns.locations[path("labels.istio-injection")]?.line == 6)
    let svc = try resource(file, "Service/shop/web")
    #expect(svc.location.line == 9)
    #expect(svc.locations[path("namespace")]?.line == 13)
    #expect(svc.locations[path("spec.selector.app")]?.line == 15)
    #expect(svc.attributes["annotations"] == .map([:]))
    #expect(try resource(file, "ConfigMap/default/settings").attributes["namespace"] == "default")
}

@Test func listItemsAreObjects() throws {
    let file = try parse(
        """
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: Service
            metadata: {name: a, namespace: x}
          - apiVersion: v1
            kind: Service
            metadata: {name: b, namespace: x}
        """)
    #expect(file.resources.map(\.id) == ["Service/x/a", "Service/x/b"])
    #expect(try resource(file, "Service/x/b").location.line == 7)
}

@Test func workloadsAreNormalised() throws {
    let file = try parse(
        """
        apiVersion: batch/v1
        kind: CronJob
        metadata:
          name: report
          namespace: ops
        spec:
          schedule: "0 * * * *"
          jobTemplate:
            spec:
              template:
                metadata:
                  labels: {app: report}
                  annotations:
                    sidecar.istio.io/inject: "false"
                spec:
                  containers:
                    - name: main
                      image: report:1
                      ports:
                        - containerPort: 8080
                          name: http
                        - containerPort: 9090
                  initContainers:
                    - name: proxy
                      restartPolicy: Always
                      ports:
                        - containerPort: 15000
                    - name: migrate
                      ports:
                        - containerPort: 1
        """)
    let workload = try resource(file, "CronJob/ops/report#workload")
    #expect(workload.kind == "kubernetes/Workload")
    #expect(workload.attributes["labels"] == ["app": "report"])
    #expect(workload.attributes["annotations"] == ["sidecar.istio.io/inject": "false"])
    #expect(workload.attributes["ownerKind"] == "CronJob")
    #expect(workload.attributes["owner"] == "CronJob/ops/report")
    let ports = try #require(workload.attributes["ports"]?.listValue)
    #expect(ports.compactMap { $0["port"]?.intValue } == [8080, 9090, 15000])
    #expect(workload.locations[path("ports[1]")]?.line == 22)
    #expect(workload.locations[path("annotations[\"sidecar.istio.io/inject\"]")]?.line == 14)
    let container = try resource(file, "CronJob/ops/report#container/main")
    #expect(container.kind == "kubernetes/Container")
    #expect(container.location.line == 17)
    #expect(container.locations[path("ports[0].containerPort")]?.line == 20)
    #expect(container.attributes["workload"] == "CronJob/ops/report#workload")
    #expect(file.resources.filter { $0.kind == "kubernetes/Container" }.count == 3)
    #expect(file.edges.contains(LocalEdge(from: "CronJob/ops/report", to: "CronJob/ops/report#workload", kind: .contains)))
}

@Test(arguments: ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job"])
func everyWorkloadKindYieldsAWorkload(_ kind: String) throws {
    let spec = "containers:\n  - name: c\n    ports: [{containerPort: 80}]"
    let body =
        kind == "Pod"
        ? "metadata: {name: w, labels: {app: w}}\nspec:\n" + spec.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
        : "metadata: {name: w}\nspec:\n  template:\n    metadata: {labels: {app: w}}\n    spec:\n"
            + spec.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n")
    let file = try parse("apiVersion: v1\nkind: \(kind)\n" + body + "\n")
    let workload = try resource(file, "\(kind)/default/w#workload")
    #expect(workload.attributes["labels"] == ["app": "w"])
    #expect(workload.attributes["ports"]?[0]?["port"] == 80)
}

@Test func gatewayServersPointAtTheirEntry() throws {
    let file = try parse(
        """
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: gw, namespace: edge}
        spec:
          selector: {istio: ingressgateway}
          servers:
            - port: {number: 80, name: http, protocol: http}
              hosts: ["*"]
            - port:
                number: 443
                name: https
                protocol: HTTPS
              tls:
                mode: SIMPLE
                minProtocolVersion: TLSV1_0
        """)
    let http = try resource(file, "Gateway/edge/gw#servers[0]")
    #expect(http.kind == "kubernetes/GatewayServer")
    #expect(http.attributes["protocol"] == "HTTP")
    #expect(http.attributes["serverName"] == "http")
    #expect(http.location.line == 7)
    let https = try resource(file, "Gateway/edge/gw#servers[1]")
    #expect(https.locations[path("tls.minProtocolVersion")]?.line == 15)
    #expect(https.locations[path("protocol")]?.line == 12)
    #expect(https.attributes["gateway"] == "gw")
}

@Test func gatewayAPIGatewaysHaveNoIstioServers() throws {
    let file = try parse(
        """
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: gw}
        spec:
          gatewayClassName: istio
          listeners: [{name: http, port: 80, protocol: HTTP}]
        """)
    #expect(file.resources.map(\.kind) == ["kubernetes/Gateway"])
}

@Test func destinationRuleTLSBlocksAreResources() throws {
    let file = try parse(
        """
        apiVersion: networking.istio.io/v1beta1
        kind: DestinationRule
        metadata: {name: db, namespace: shop}
        spec:
          host: db
          trafficPolicy:
            tls: {mode: ISTIO_MUTUAL}
            portLevelSettings:
              - port: {number: 5432}
                tls:
                  mode: DISABLE
          subsets:
            - name: v2
              trafficPolicy:
                tls:
                  mode: SIMPLE
                  insecureSkipVerify: true
        """)
    let blocks = file.resources.filter { $0.kind == "kubernetes/DestinationRuleTLS" }
    #expect(blocks.map { $0.attributes["scope"] } == ["destination", "port", "subset"])
    #expect(blocks.map { $0.attributes["effectiveMode"] } == ["ISTIO_MUTUAL", "DISABLE", "SIMPLE"])
    #expect(blocks[1].attributes["port"] == 5432)
    #expect(blocks[1].locations[path("mode")]?.line == 11)
    #expect(blocks[2].attributes["subset"] == "v2")
    #expect(blocks[2].locations[path("insecureSkipVerify")]?.line == 17)
}

@Test func duplicateObjectsAreKeptWithAWarning() throws {
    let file = try parse(
        """
        apiVersion: v1
        kind: Service
        metadata: {name: a}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: a}
        """)
    #expect(file.resources.map(\.id) == ["Service/default/a", "Service/default/a~2"])
    #expect(file.diagnostics.count == 1)
    #expect(file.diagnostics.first?.severity == .warning)
    #expect(file.diagnostics.first?.location.line == 5)
}

@Test func documentsThatAreNotObjectsAreSkipped() throws {
    let file = try parse("just: values\n---\n- a\n- b\n---\napiVersion: v1\nmetadata: {name: x}\n")
    #expect(file.resources.isEmpty)
    #expect(file.diagnostics.map(\.location.line) == [6])
}

@Test func malformedYAMLIsAParseError() {
    #expect(throws: ParseError.self) { try parse("apiVersion: v1\nkind: [\n") }
}

@Test(arguments: [
    ("apiVersion: v1\nkind: Service\n", true),
    ("# comment\n---\nkind: Pod\napiVersion: v1\n", true),
    ("\u{FEFF}apiVersion: v1\nkind: Pod\n", true),
    ("items:\n  - apiVersion: v1\n    kind: Pod\n", false),
    ("server {\n  listen 80;\n}\n", false),
    ("{\"format_version\": \"1.2\", \"kind\": 1}", false),
])
func sniffingLooksForTopLevelAPIVersionAndKind(_ text: String, _ expected: Bool) {
    #expect(KubernetesParser.looksLikeManifest(Array(text.utf8)) == expected)
}

// A Helm chart's templates/*.yaml, as scanning a repository with charts finds them.
@Test func unrenderedHelmTemplatesAreAWarningNotAParseError() throws {
    let file = try parse(
        """
        # A comment with {{ braces }} is no template action.
        {{- if .Values.istio.peerAuthentication.enabled -}}
        apiVersion: security.istio.io/v1beta1
        kind: PeerAuthentication
        metadata:
          name: {{ include "demo.fullname" . }}
          labels:
            {{- include "demo.labels" . | nindent 4 }}
        spec:
          mtls:
            mode: {{ .Values.istio.peerAuthentication.mtls.mode }}
        {{- end }}
        """, path: "chart/templates/pa.yaml")
    #expect(file.resources.isEmpty)
    let warning = try #require(file.diagnostics.first)
    #expect(file.diagnostics.count == 1)
    #expect(warning.severity == .warning)
    #expect(warning.location.line == 2)
    #expect(warning.message.contains("unrendered template"))
}

@Test func brokenYAMLWithoutTemplateActionsIsStillAnError() throws {
    #expect(throws: ParseError.self) {
        try parse("apiVersion: v1\nkind: ConfigMap\ndata: {a: [1, 2}\n")
    }
    // Alert text quotes template actions; the file is broken elsewhere.
    #expect(throws: ParseError.self) {
        try parse(
            """
            apiVersion: monitoring.coreos.com/v1
            kind: PrometheusRule
            metadata: {name: pods}
            spec:
              groups:
              - name: pods
                rules:
                - alert: PodDown
                  annotations:
                    summary: |
                      {{ $labels.pod }} is down
                  labels: {severity: [critical}
            """)
    }
}
