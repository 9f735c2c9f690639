// swift-tools-version:6.0
// libFuzzer targets for cipherlint's parsers. Build and run with `scripts/fuzz [SECONDS]`
// (it passes -sanitize=fuzzer,address; libFuzzer supplies `main`, so these build only that way).
import PackageDescription

let names = ["yaml", "plan", "nginx", "cel", "policy"]

let package = Package(
    name: "cipherlint-fuzz",
    dependencies: [.package(name: "cipherlint", path: "..")],
    targets: [.target(name: "FuzzDriver")]
        + names.map { name in
            .executableTarget(
                name: "fuzz-\(name)",
                dependencies: ["FuzzDriver", .product(name: "CipherlintFuzzing", package: "cipherlint")],
                path: "Sources/fuzz-\(name)")
        }
)
