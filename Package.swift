// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "cipherlint",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "cipherlint", targets: ["cipherlint"]),
        // For the fuzz targets in Fuzz/ (a separate package built with -sanitize=fuzzer).
        .library(name: "CipherlintFuzzing", targets: ["Graph", "YAML", "Kubernetes", "TerraformPlan", "Nginx", "CEL", "PolicyEngine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML", pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]),
        .systemLibrary(
            name: "CJSONC", pkgConfig: "json-c",
            providers: [.apt(["libjson-c-dev"]), .brew(["json-c"])]),
        .target(name: "Graph"),
        .target(name: "YAML", dependencies: ["Graph", "CYAML"]),
        .target(name: "CEL", dependencies: ["Graph"]),
        .target(name: "TLSFacts", dependencies: ["Graph"]),
        .target(name: "TerraformPlan", dependencies: ["Graph", "CJSONC"]),
        .target(name: "Kubernetes", dependencies: ["Graph", "YAML"]),
        .target(name: "Nginx", dependencies: ["Graph", "TLSFacts"]),
        .target(name: "Findings", dependencies: ["Graph", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "PolicyEngine", dependencies: ["Graph", "Findings", "CEL", "YAML", "TLSFacts"]),
        .target(name: "Reporting", dependencies: ["Graph", "Findings"]),
        .target(name: "Evidence", dependencies: ["Graph", "Findings", .product(name: "Crypto", package: "swift-crypto")]),
        .target(
            name: "Pipeline",
            dependencies: ["Graph", "Findings", "YAML", "TerraformPlan", "Kubernetes", "Nginx", "PolicyEngine", "Reporting"],
            plugins: ["EmbedPolicies"]),
        .executableTarget(name: "policy-embedder", path: "Sources/PolicyEmbedder"),
        .plugin(name: "EmbedPolicies", capability: .buildTool(), dependencies: ["policy-embedder"]),
        .executableTarget(
            name: "cipherlint",
            dependencies: [
                "Pipeline", "Graph", "Findings", "PolicyEngine", "Reporting", "CEL", "Evidence",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/CLI"),
        .target(name: "TestSupport", dependencies: ["Graph"], path: "Tests/TestSupport"),
        .testTarget(name: "GraphTests", dependencies: ["Graph", "TestSupport"]),
        .testTarget(name: "YAMLTests", dependencies: ["YAML", "TestSupport"]),
        .testTarget(name: "FindingsTests", dependencies: ["Findings", "TestSupport"]),
        .testTarget(name: "TLSFactsTests", dependencies: ["TLSFacts", "TestSupport"]),
        .testTarget(name: "TerraformPlanTests", dependencies: ["TerraformPlan", "TestSupport", "PolicyEngine", "Findings"]),
        .testTarget(name: "NginxTests", dependencies: ["Nginx", "TestSupport"]),
        .testTarget(name: "KubernetesTests", dependencies: ["Kubernetes", "Pipeline", "PolicyEngine", "Findings", "TestSupport"]),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting", "TestSupport"]),
        .testTarget(name: "PolicyEngineTests", dependencies: ["PolicyEngine", "CEL", "TestSupport"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "TestSupport"]),
        .testTarget(name: "CELTests", dependencies: ["CEL", "Graph", "TestSupport"]),
        .executableTarget(name: "CELBench", dependencies: ["CEL", "Graph"], path: "Benchmarks/CELBench"),
        .testTarget(name: "RE2Tests", dependencies: ["CEL", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["cipherlint"]),
        .testTarget(name: "EvidenceTests", dependencies: ["Evidence", "Findings", "Graph", "TestSupport"]),
    ]
)
