import Graph
import Testing

@testable import TerraformPlan

/// The resources of a root-module plan (address → `values` JSON) mapped to `main.tf`.
private func resources(
    _ tf: String, _ values: [(address: String, json: String)], afterUnknown: [String: String] = [:]
) throws -> [String: Resource] {
    let planned = try values.map { item in
        let address = try #require(ResourceAddress(item.address))
        let type = String(address.base.dropFirst(address.base.hasPrefix("data.") ? 5 : 0).prefix { $0 != "." })
        let name = String(address.base.split(separator: ".").last ?? "")
        let mode = address.base.hasPrefix("data.") ? "data" : "managed"
        return #"{"address": "\#(item.address)", "mode": "\#(mode)", "type": "\#(type)", "name": "\#(name)", "values": \#(item.json)}"#
    }
    let changes = afterUnknown.map { address, unknown in
        #"{"address": "\#(address)", "change": {"actions": ["create"], "after_unknown": \#(unknown)}}"#
    }
    let plan = #"""
        {"format_version": "1.2",
         "planned_values": {"root_module": {"resources": [\#(planned.joined(separator: ",\n"))]}},
         "resource_changes": [\#(changes.joined(separator: ",\n"))]}
        """#
    let sources = InMemorySourceProvider(["tf/plan.json": plan, "tf/main.tf": tf])
    let file = try TerraformPlanParser(sources: sources).parse(SourceFile(path: "tf/plan.json", text: plan))
    return Dictionary(file.resources.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
}

private func at(_ line: Int, _ column: Int) -> Graph.SourceLocation { SourceLocation(path: "tf/main.tf", line: line, column: column) }

extension Resource {
    fileprivate func written(_ path: String) -> Graph.SourceLocation? {
        sourceLocation(of: AttributePath(parsing: path) ?? AttributePath())
    }
}

private let securityGroup = """
    resource "aws_security_group" "web" {
      name = "web"

      dynamic "ingress" {
        for_each = var.rules
        iterator = rule
        labels   = []
        content {
          from_port = rule.value.port
          to_port   = rule.value.port
        }
      }

      dynamic "egress" {
        for_each = []
        content {
          from_port = 0
        }
      }
    }
    """

@Test func dynamicBlocksMapEveryIndexToTheirContent() throws {
    let rule = #"{"from_port": 22, "to_port": 22}"#
    let found = try resources(
        securityGroup, [("aws_security_group.web", #"{"name": "web", "ingress": [\#(rule), \#(rule), \#(rule)], "egress": []}"#)])
    let web = try #require(found["aws_security_group.web"])
    #expect(web.source == at(1, 1))
    #expect(web.written("ingress") == at(4, 3))
    for n in 0..<3 {
        #expect(web.written("ingress[\(n)]") == at(4, 3))
        #expect(web.written("ingress[\(n)].from_port") == at(9, 7))
        #expect(web.written("ingress[\(n)].to_port") == at(10, 7))
    }
    // the dynamic block's own arguments are not attributes of the blocks it makes
    for argument in ["for_each", "iterator", "labels", "content"] {
        #expect(web.sourceLocations[AttributePath(parsing: "ingress[0].\(argument)")!] == nil)
        #expect(web.sourceLocations[AttributePath(keys: argument)] == nil)
    }
    // no index beyond the plan's
    #expect(web.sourceLocations[AttributePath(parsing: "ingress[3]")!] == nil)
    #expect(web.written("egress") == at(14, 3))
    #expect(web.sourceLocations[AttributePath(parsing: "egress[0]")!] == nil)
    #expect(web.written("name") == at(2, 3))
}

@Test func eachInstanceGetsTheIndicesOfItsOwnValues() throws {
    let rule = #"{"from_port": 443}"#
    let found = try resources(
        securityGroup,
        [
            ("aws_security_group.web[0]", #"{"ingress": [\#(rule)]}"#),
            ("aws_security_group.web[1]", #"{"ingress": [\#(rule), \#(rule), \#(rule), \#(rule)]}"#),
        ])
    #expect(found["aws_security_group.web[0]"]?.sourceLocations[AttributePath(parsing: "ingress[3].from_port")!] == nil)
    #expect(found["aws_security_group.web[1]"]?.written("ingress[3].from_port") == at(9, 7))
}

@Test func writtenBlocksAndDynamicOnesFollowTheWrittenOrder() throws {
    let tf = """
        resource "aws_security_group" "mixed" {
          ingress {
            from_port = 80
          }
          dynamic "ingress" {
            for_each = var.rules
            content {
              from_port = ingress.value
            }
          }
          ingress {
            from_port = 443
            cidr_blocks = ["10.0.0.0/8"]
          }
        }
        """
    let rules = (0..<4).map { #"{"from_port": \#($0)}"# }.joined(separator: ", ")
    let found = try resources(tf, [("aws_security_group.mixed", #"{"ingress": [\#(rules)]}"#)])
    let mixed = try #require(found["aws_security_group.mixed"])
    #expect(mixed.written("ingress") == at(2, 3))
    #expect(mixed.written("ingress[0]") == at(2, 3))
    #expect(mixed.written("ingress[0].from_port") == at(3, 5))
    #expect(mixed.written("ingress[1]") == at(5, 3))
    #expect(mixed.written("ingress[1].from_port") == at(8, 7))
    #expect(mixed.written("ingress[2].from_port") == at(8, 7))
    #expect(mixed.written("ingress[3]") == at(11, 3))
    #expect(mixed.written("ingress[3].from_port") == at(12, 5))
    #expect(mixed.written("ingress[3].cidr_blocks") == at(13, 5))
    #expect(mixed.sourceLocations[AttributePath(parsing: "ingress[4]")!] == nil)
    #expect(mixed.sourceLocations[AttributePath(parsing: "ingress[0].cidr_blocks")!] == nil)

    // the dynamic block made nothing: the written blocks are 0 and 1
    let none = try resources(tf, [("aws_security_group.mixed", #"{"ingress": [{"from_port": 80}, {"from_port": 443}]}"#)])
    #expect(none["aws_security_group.mixed"]?.written("ingress[1].from_port") == at(12, 5))
}

@Test func dynamicBlocksNestInsideContentAndInsideWrittenBlocks() throws {
    let tf = """
        resource "aws_cloudfront_distribution" "cdn" {
          dynamic "origin" {
            for_each = var.origins
            content {
              domain_name = origin.value.domain
              dynamic "custom_header" {
                for_each = origin.value.headers
                content {
                  name  = custom_header.key
                  value = custom_header.value
                }
              }
              custom_origin_config {
                origin_protocol_policy = "https-only"
              }
            }
          }
          default_cache_behavior {
            dynamic "lambda_function_association" {
              for_each = var.lambdas
              content {
                lambda_arn = lambda_function_association.value
              }
            }
          }
        }
        """
    let header = #"{"name": "x", "value": "y"}"#
    let origin0 = #"{"domain_name": "a", "custom_header": [\#(header), \#(header)], "custom_origin_config": [{"origin_protocol_policy": "https-only"}]}"#
    let origin1 = #"{"domain_name": "b", "custom_header": [\#(header)], "custom_origin_config": [{"origin_protocol_policy": "http-only"}]}"#
    let behavior = #"{"lambda_function_association": [{"lambda_arn": "a"}, {"lambda_arn": "b"}]}"#
    let found = try resources(
        tf, [("aws_cloudfront_distribution.cdn", #"{"origin": [\#(origin0), \#(origin1)], "default_cache_behavior": [\#(behavior)]}"#)])
    let cdn = try #require(found["aws_cloudfront_distribution.cdn"])
    #expect(cdn.written("origin[1].domain_name") == at(5, 7))
    #expect(cdn.written("origin[0].custom_header") == at(6, 7))
    #expect(cdn.written("origin[0].custom_header[1]") == at(6, 7))
    #expect(cdn.written("origin[0].custom_header[1].value") == at(10, 11))
    #expect(cdn.written("origin[1].custom_header[0].name") == at(9, 11))
    #expect(cdn.sourceLocations[AttributePath(parsing: "origin[1].custom_header[1]")!] == nil)
    #expect(cdn.written("origin[1].custom_origin_config[0].origin_protocol_policy") == at(14, 9))
    #expect(cdn.written("origin[1].custom_origin_config") == at(13, 7))
    #expect(cdn.written("default_cache_behavior[0]") == at(18, 3))
    #expect(cdn.written("default_cache_behavior[0].lambda_function_association[1].lambda_arn") == at(22, 9))
    #expect(cdn.written("default_cache_behavior[0].lambda_function_association") == at(19, 5))
}

@Test func aDynamicBlockInsideARepeatedWrittenBlockIsPlacedPerBlock() throws {
    let tf = """
        resource "aws_s3_bucket_lifecycle_configuration" "logs" {
          rule {
            id = "a"
          }
          rule {
            id = "b"
            dynamic "transition" {
              for_each = var.tiers
              content {
                days = transition.value
              }
            }
          }
          dynamic "rule" {
            for_each = var.more
            content {
              id = rule.key
            }
          }
        }
        """
    let found = try resources(
        tf,
        [("aws_s3_bucket_lifecycle_configuration.logs", #"{"rule": [{"id": "a", "transition": []}, {"id": "b", "transition": [{"days": 30}, {"days": 90}]}, {"id": "c"}]}"#)])
    let logs = try #require(found["aws_s3_bucket_lifecycle_configuration.logs"])
    #expect(logs.written("rule[0].id") == at(3, 5))
    #expect(logs.written("rule[1].id") == at(6, 5))
    #expect(logs.written("rule[1].transition[1].days") == at(10, 9))
    #expect(logs.written("rule[1].transition") == at(7, 5))
    #expect(logs.written("rule[2]") == at(14, 3))
    #expect(logs.written("rule[2].id") == at(17, 7))
    #expect(logs.sourceLocations[AttributePath(parsing: "rule[0].transition[0]")!] == nil)
}

@Test func onlyCertainIndicesArePlaced() throws {
    let tf = """
        resource "aws_security_group" "two" {
          ingress {
            from_port = 1
          }
          dynamic "ingress" {
            for_each = var.a
            content {
              from_port = 2
            }
          }
          dynamic "ingress" {
            for_each = var.b
            content {
              to_port = 3
            }
          }
          ingress {
            from_port = 4
          }
        }
        """
    let rules = (0..<5).map { #"{"from_port": \#($0)}"# }.joined(separator: ", ")
    let found = try resources(tf, [("aws_security_group.two", #"{"ingress": [\#(rules)]}"#)])
    let two = try #require(found["aws_security_group.two"])
    #expect(two.written("ingress[0].from_port") == at(3, 5))
    #expect(two.written("ingress[4].from_port") == at(18, 5))
    // which dynamic block made 1, 2 and 3 is not in the plan: the first block of the name
    for n in 1...3 { #expect(two.written("ingress[\(n)].from_port") == at(2, 3)) }

    // the count is unknown until apply: only the blocks before the first dynamic one
    let unknown = try resources(
        tf, [("aws_security_group.two", #"{}"#)], afterUnknown: ["aws_security_group.two": #"{"ingress": true}"#])
    let later = try #require(unknown["aws_security_group.two"])
    #expect(later.value(at: AttributePath(keys: "ingress")) == .unknown)
    #expect(later.written("ingress") == at(2, 3))
    #expect(later.written("ingress[0].from_port") == at(3, 5))
    #expect(later.sourceLocations[AttributePath(parsing: "ingress[1]")!] == nil)
}

@Test func dynamicPolicyStatementsLocateThePolicyDocument() throws {
    let tf = """
        data "aws_iam_policy_document" "deny" {
          dynamic "statement" {
            for_each = var.statements
            content {
              effect = statement.value.effect
            }
          }
        }
        """
    let found = try resources(
        tf, [("data.aws_iam_policy_document.deny", #"{"statement": [{"effect": "Deny"}, {"effect": "Allow"}]}"#)])
    let deny = try #require(found["data.aws_iam_policy_document.deny"])
    #expect(deny.written("statement[1].effect") == at(5, 7))
    #expect(deny.written("policy_document") == at(2, 3))
}

@Test func malformedDynamicBlocksAreSkipped() throws {
    let tf = """
        resource "aws_security_group" "odd" {
          dynamic {
            from_port = 1
          }
          dynamic "a" "b" {
            content { x = 1 }
          }
          dynamic "ingress" {
            for_each = var.x
            other {
              y = 2
            }
            content {
              from_port = 3
        """
    let found = try resources(tf, [("aws_security_group.odd", #"{"ingress": [{"from_port": 3}], "from_port": 9}"#)])
    let odd = try #require(found["aws_security_group.odd"])
    #expect(odd.sourceLocations[AttributePath(keys: "from_port")] == nil)
    #expect(odd.sourceLocations[AttributePath(keys: "a")] == nil)
    #expect(odd.sourceLocations[AttributePath(parsing: "ingress[0].y")!] == nil)
    #expect(odd.written("ingress[0].from_port") == at(14, 7))
}

/// Blocks nested far deeper than any configuration (a hostile `.tf` in a pull request) are
/// skipped, not recursed into: the scan neither crashes nor loses the blocks that follow.
@Test(arguments: [100, 200_000])
func deeplyNestedBlocksAreSkippedWithoutACrash(_ depth: Int) throws {
    let deep = String(repeating: "a {\n", count: depth) + String(repeating: "}\n", count: depth)
    let tf = """
        resource "aws_kms_key" "deep" {
        \(deep)}
        resource "aws_kms_key" "next" {
          enable_key_rotation = true
        }
        """
    let found = try resources(tf, [("aws_kms_key.deep", "{}"), ("aws_kms_key.next", #"{"enable_key_rotation": true}"#)])
    #expect(found["aws_kms_key.deep"]?.source == at(1, 1))
    let nextLine = depth * 2 + 3
    #expect(found["aws_kms_key.next"]?.source == at(nextLine, 1))
    #expect(found["aws_kms_key.next"]?.written("enable_key_rotation") == at(nextLine + 1, 3))
}
