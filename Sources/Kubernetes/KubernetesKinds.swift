import Graph

/// What the parser and linker know about Kubernetes and Istio kinds.
enum KubernetesKinds {
    /// Kinds that live outside namespaces; their ids have no namespace part.
    static let clusterScoped: Set<String> = [
        "Namespace", "Node", "PersistentVolume", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition",
        "StorageClass", "PriorityClass", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
        "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "MutatingAdmissionPolicy",
        "MutatingAdmissionPolicyBinding", "APIService", "IngressClass", "RuntimeClass", "PodSecurityPolicy",
        "CSIDriver", "CSINode", "VolumeAttachment", "CertificateSigningRequest", "ComponentStatus", "FlowSchema",
        "PriorityLevelConfiguration", "GatewayClass", "ClusterIssuer", "ClusterSecretStore", "MeshPolicy",
        "ClusterPolicy", "ClusterTrustBundle", "IPAddress", "ServiceCIDR", "DeviceClass",
    ]

    /// Workload kinds and where their pod template is.
    static let podTemplatePath: [String: PodTemplatePlace] = [
        "Pod": .pod,
        "Deployment": .template(["spec", "template"]),
        "StatefulSet": .template(["spec", "template"]),
        "DaemonSet": .template(["spec", "template"]),
        "ReplicaSet": .template(["spec", "template"]),
        "ReplicationController": .template(["spec", "template"]),
        "Job": .template(["spec", "template"]),
        "CronJob": .template(["spec", "jobTemplate", "spec", "template"]),
    ]

    /// Where a workload kind keeps its pod's metadata and spec.
    enum PodTemplatePlace {
        /// A Pod: `metadata` and `spec` of the object itself.
        case pod
        /// A controller: `<path>.metadata` and `<path>.spec`.
        case template([String])
    }

    /// The API group of an `apiVersion` (`""` for the core group).
    static func group(ofAPIVersion apiVersion: String) -> String {
        guard let slash = apiVersion.firstIndex(of: "/") else { return "" }
        return String(apiVersion[..<slash])
    }

    /// Istio's networking and security groups (and the legacy authentication group).
    static func isIstio(group: String) -> Bool {
        group == "security.istio.io" || group == "networking.istio.io" || group == "authentication.istio.io"
    }
}
