import Graph
import Testing

@testable import TerraformPlan

private let plan = """
    {
      "format_version": "1.2",
      "planned_values": {"root_module": {
        "resources": [
          {"address": "aws_lb_listener.http", "mode": "managed", "type": "aws_lb_listener", "name": "http",
           "values": {"port": 80, "protocol": "HTTP", "default_action": [{"type": "forward", "redirect": []}]}}
        ],
        "child_modules": [{"address": "module.store", "resources": [
          {"address": "module.store.aws_s3_bucket_server_side_encryption_configuration.this", "mode": "managed",
           "type": "aws_s3_bucket_server_side_encryption_configuration", "name": "this",
           "values": {"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "AES256"}]}]}}
        ]}]
      }},
      "configuration": {"root_module": {
        "resources": [{"address": "aws_lb_listener.http", "mode": "managed", "type": "aws_lb_listener", "name": "http", "expressions": {}}],
        "module_calls": {"store": {"source": "./modules/store", "module": {"resources": [
          {"address": "aws_s3_bucket_server_side_encryption_configuration.this", "mode": "managed",
           "type": "aws_s3_bucket_server_side_encryption_configuration", "name": "this", "expressions": {}}
        ]}}}
      }}
    }
    """

private let mainTF = """
    # listeners
    resource "aws_lb_listener" "http" {
      port     = 80 # plain
      protocol = "HTTP"
      tags = {
        name = "not an attribute of the block"
      }
      policy = <<EOF
    {"x": "resource \\"fake\\" \\"block\\" {"}
    EOF
      default_action {
        type = "forward"
      }
    }

    module "store" {
      source = "./modules/store"
    }
    """

private let moduleTF = """
    /* the module */
    resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
      bucket = var.bucket

      rule {
        apply_server_side_encryption_by_default {
          sse_algorithm = "AES256"
        }
      }
    }
    """

@Test func mapsResourcesToTheirTerraformSourcesThroughModules() throws {
    let sources = InMemorySourceProvider([
        "infra/plan.json": plan, "infra/main.tf": mainTF, "infra/modules/store/main.tf": moduleTF,
    ])
    let file = try TerraformPlanParser(sources: sources).parse(SourceFile(path: "infra/plan.json", text: plan))
    let listener = try #require(file.resources.first { $0.id == "aws_lb_listener.http" })
    #expect(listener.source == SourceLocation(path: "infra/main.tf", line: 2, column: 1))
    #expect(listener.sourceLocation(of: AttributePath(keys: "protocol"))?.line == 4)
    #expect(listener.sourceLocation(of: AttributePath(parsing: "default_action[0].type")!)?.line == 12)
    #expect(listener.sourceLocations[AttributePath(keys: "tags", "name")] == nil)
    #expect(listener.sourceLocations[AttributePath(keys: "policy")]?.line == 8)
    // the plan location is unchanged
    #expect(listener.location.path == "infra/plan.json")
    let sse = try #require(file.resources.first { $0.id.hasPrefix("module.store.") })
    #expect(sse.source == SourceLocation(path: "infra/modules/store/main.tf", line: 2, column: 1))
    #expect(
        sse.sourceLocation(of: AttributePath(parsing: "rule[0].apply_server_side_encryption_by_default[0].sse_algorithm")!)
            == SourceLocation(path: "infra/modules/store/main.tf", line: 7, column: 7))
    #expect(file.dependencies == ["infra/main.tf", "infra/modules/store/main.tf"])
}

@Test func noSourcesMeansNoMapping() throws {
    let sources = InMemorySourceProvider(["infra/plan.json": plan])
    let file = try TerraformPlanParser(sources: sources).parse(SourceFile(path: "infra/plan.json", text: plan))
    #expect(file.resources.allSatisfy { $0.source == nil })
    let explicit = try TerraformPlanParser(
        sources: InMemorySourceProvider(["tf/main.tf": mainTF]), sourceDirectory: "tf"
    ).parse(SourceFile(path: "out/plan.json", text: plan))
    #expect(explicit.resources.first?.source?.path == "tf/main.tf")
}
