import Foundation
import Graph
import Testing

@testable import TerraformPlan

private func parse(_ text: String, path: String = "plan.json", sources: (any SourceProvider)? = nil, directory: String? = nil)
    throws -> ParsedFile
{
    try TerraformPlanParser(sources: sources, sourceDirectory: directory).parse(SourceFile(path: path, text: text))
}

private func resource(_ file: ParsedFile, _ id: String) throws -> Resource {
    try #require(file.resources.first { $0.id == id }, "no resource \(id)")
}

private let basicPlan = """
    {
      "format_version": "1.2",
      "terraform_version": "1.9.8",
      "planned_values": {
        "root_module": {
          "resources": [
            {
              "address": "aws_kms_key.main",
              "mode": "managed",
              "type": "aws_kms_key",
              "name": "main",
              "provider_name": "registry.terraform.io/hashicorp/aws",
              "values": {
                "enable_key_rotation": false,
                "deletion_window_in_days": 30,
                "tags": {"team": "core"}
              },
              "sensitive_values": {"tags": {}}
            },
            {
              "address": "aws_cloudtrail.main",
              "mode": "managed",
              "type": "aws_cloudtrail",
              "name": "main",
              "values": {
                "name": "main",
                "event_selector": [{"read_write_type": "All"}]
              }
            }
          ]
        }
      },
      "resource_changes": [
        {
          "address": "aws_kms_key.main",
          "mode": "managed", "type": "aws_kms_key", "name": "main",
          "change": {"actions": ["no-op"], "before": {}, "after": {}, "after_unknown": {}}
        },
        {
          "address": "aws_cloudtrail.main",
          "mode": "managed", "type": "aws_cloudtrail", "name": "main",
          "change": {
            "actions": ["create"], "before": null, "after": {},
            "after_unknown": {"arn": true, "kms_key_id": true,
                              "event_selector": [{"data_resource": [{"values": true}]}]},
            "after_sensitive": {"name": true}
          }
        }
      ],
      "configuration": {
        "root_module": {
          "resources": [
            {"address": "aws_kms_key.main", "mode": "managed", "type": "aws_kms_key", "name": "main",
             "expressions": {"enable_key_rotation": {"constant_value": false}}},
            {"address": "aws_cloudtrail.main", "mode": "managed", "type": "aws_cloudtrail", "name": "main",
             "expressions": {"kms_key_id": {"references": ["aws_kms_key.main.arn", "aws_kms_key.main"]},
                             "name": {"constant_value": "main"}}}
          ]
        }
      }
    }
    """

@Test func readsResourcesWithKindsMetaAttributesAndLocations() throws {
    let file = try parse(basicPlan)
    #expect(file.resources.map(\.id) == ["aws_kms_key.main", "aws_cloudtrail.main"])
    let key = try resource(file, "aws_kms_key.main")
    #expect(key.kind == "terraform/aws_kms_key")
    #expect(key.attributes["enable_key_rotation"] == false)
    #expect(key.attributes["address"] == "aws_kms_key.main")
    #expect(key.attributes["mode"] == "managed")
    #expect(key.attributes["module_address"] == "")
    #expect(key.attributes["change_actions"] == ["no-op"])
    #expect(key.attributes["configured_attributes"] == ["enable_key_rotation"])
    #expect(key.attributes["provider_name"] == "registry.terraform.io/hashicorp/aws")
    // the resource points at its "address" line, attributes at their key lines
    #expect(key.location == SourceLocation(path: "plan.json", line: 8, column: 11))
    #expect(key.location(of: AttributePath(keys: "enable_key_rotation")).line == 14)
    #expect(key.location(of: AttributePath(keys: "tags", "team")).line == 16)
    let trail = try resource(file, "aws_cloudtrail.main")
    #expect(trail.location(of: AttributePath(keys: "event_selector")).line == 27)
    #expect(trail.locations[AttributePath([.key("event_selector"), .index(0), .key("read_write_type")])]?.line == 27)
}

@Test func afterUnknownBecomesUnknownAtTheExactPaths() throws {
    let trail = try resource(try parse(basicPlan), "aws_cloudtrail.main")
    #expect(trail.attributes["arn"] == .unknown)
    #expect(trail.attributes["kms_key_id"] == .unknown)
    #expect(trail.attributes["name"] == "main")
    let selector = try #require(trail.value(at: AttributePath([.key("event_selector"), .index(0)])))
    #expect(selector["read_write_type"] == "All")
    #expect(selector["data_resource"]?[0]?["values"] == .unknown)
    #expect(trail.sensitivePaths == [AttributePath(keys: "name")])
}

@Test func unknownMaskOnLists() {
    let value: Value = ["a": [1, 2], "b": ["x": 1]]
    let mask: Value = ["a": [false, true, true], "b": true, "c": ["d": true], "e": ["f": false]]
    let out = ValueMask.applyUnknown(value, mask)
    #expect(out == ["a": [1, .unknown, .unknown], "b": .unknown, "c": ["d": .unknown]])
}

@Test func edgesComeFromConfigurationReferences() throws {
    let file = try parse(basicPlan)
    #expect(file.edges == [LocalEdge(from: "aws_cloudtrail.main", to: "aws_kms_key.main", kind: .references, label: "kms_key_id")])
}

private let modulePlan = """
    {"format_version": "1.1",
     "planned_values": {"root_module": {
       "resources": [
         {"address": "aws_kms_key.shared", "mode": "managed", "type": "aws_kms_key", "name": "shared", "values": {"enable_key_rotation": true}}
       ],
       "child_modules": [
         {"address": "module.app[\\"a\\"]",
          "resources": [
            {"address": "module.app[\\"a\\"].aws_cloudtrail.this", "mode": "managed", "type": "aws_cloudtrail", "name": "this", "values": {}},
            {"address": "module.app[\\"a\\"].aws_sqs_queue.q[0]", "mode": "managed", "type": "aws_sqs_queue", "name": "q", "index": 0, "values": {}},
            {"address": "module.app[\\"a\\"].aws_sqs_queue.q[1]", "mode": "managed", "type": "aws_sqs_queue", "name": "q", "index": 1, "values": {}}
          ],
          "child_modules": [
            {"address": "module.app[\\"a\\"].module.keys",
             "resources": [
               {"address": "module.app[\\"a\\"].module.keys.aws_kms_key.inner", "mode": "managed", "type": "aws_kms_key", "name": "inner", "values": {}}
             ]}
          ]},
         {"address": "module.app[\\"b\\"]",
          "resources": [
            {"address": "module.app[\\"b\\"].aws_cloudtrail.this", "mode": "managed", "type": "aws_cloudtrail", "name": "this", "values": {}}
          ]}
       ]}},
     "configuration": {"root_module": {
       "resources": [{"address": "aws_kms_key.shared", "mode": "managed", "type": "aws_kms_key", "name": "shared", "expressions": {}}],
       "module_calls": {"app": {
         "source": "./modules/app",
         "expressions": {"kms_key_arn": {"references": ["aws_kms_key.shared.arn", "aws_kms_key.shared"]}},
         "module": {
           "resources": [
             {"address": "aws_cloudtrail.this", "mode": "managed", "type": "aws_cloudtrail", "name": "this",
              "expressions": {"kms_key_id": {"references": ["var.kms_key_arn"]},
                              "sns_topic_name": {"references": ["module.keys.key_arn", "module.keys"]}}},
             {"address": "aws_sqs_queue.q", "mode": "managed", "type": "aws_sqs_queue", "name": "q",
              "expressions": {"kms_master_key_id": {"references": ["aws_cloudtrail.this.arn", "aws_cloudtrail.this"]}},
              "count_expression": {"constant_value": 2}}
           ],
           "module_calls": {"keys": {"source": "../keys", "module": {
             "resources": [{"address": "aws_kms_key.inner", "mode": "managed", "type": "aws_kms_key", "name": "inner", "expressions": {}}],
             "outputs": {"key_arn": {"expression": {"references": ["aws_kms_key.inner.arn", "aws_kms_key.inner"]}}}
           }}}
         }}}
     }}}
    """

@Test func nestedModulesAndModuleAwareEdges() throws {
    let file = try parse(modulePlan)
    #expect(file.resources.count == 6)
    let inner = try resource(file, #"module.app["a"].module.keys.aws_kms_key.inner"#)
    #expect(inner.attributes["module_address"] == #"module.app["a"].module.keys"#)
    let queue = try resource(file, #"module.app["a"].aws_sqs_queue.q[1]"#)
    #expect(queue.attributes["index"] == 1)
    let edges = Set(file.edges.map { "\($0.from) -> \($0.to) (\($0.label ?? ""))" })
    #expect(
        edges == [
            #"module.app["a"].aws_cloudtrail.this -> aws_kms_key.shared (kms_key_id)"#,
            #"module.app["b"].aws_cloudtrail.this -> aws_kms_key.shared (kms_key_id)"#,
            #"module.app["a"].aws_cloudtrail.this -> module.app["a"].module.keys.aws_kms_key.inner (sns_topic_name)"#,
            #"module.app["a"].aws_sqs_queue.q[0] -> module.app["a"].aws_cloudtrail.this (kms_master_key_id)"#,
            #"module.app["a"].aws_sqs_queue.q[1] -> module.app["a"].aws_cloudtrail.this (kms_master_key_id)"#,
        ])
}

@Test func dataSourcesComeFromPriorStateAndDeletesAreSkipped() throws {
    let text = """
        {"format_version": "1.0",
         "planned_values": {"root_module": {"resources": [
           {"address": "aws_sqs_queue.kept", "mode": "managed", "type": "aws_sqs_queue", "name": "kept", "values": {"name": "kept"}},
           {"address": "aws_sqs_queue.replaced", "mode": "managed", "type": "aws_sqs_queue", "name": "replaced", "values": {"name": "r"}}
         ]}},
         "resource_changes": [
           {"address": "aws_kms_key.old", "mode": "managed", "type": "aws_kms_key", "name": "old",
            "change": {"actions": ["delete"], "before": {"enable_key_rotation": false}, "after": null}},
           {"address": "aws_sqs_queue.kept", "mode": "managed", "type": "aws_sqs_queue", "name": "kept",
            "change": {"actions": ["no-op"], "before": {"name": "kept"}, "after": {"name": "kept"}}},
           {"address": "aws_sqs_queue.kept", "deposed": "00a1", "mode": "managed", "type": "aws_sqs_queue", "name": "kept",
            "change": {"actions": ["delete"], "before": {"name": "kept"}, "after": null}},
           {"address": "aws_sqs_queue.replaced", "mode": "managed", "type": "aws_sqs_queue", "name": "replaced",
            "change": {"actions": ["delete", "create"], "before": {"name": "r"}, "after": {"name": "r"}, "after_unknown": {"arn": true}}},
           {"address": "aws_sns_topic.only_in_changes", "mode": "managed", "type": "aws_sns_topic", "name": "only_in_changes",
            "change": {"actions": ["create"], "before": null, "after": {"name": "t"}, "after_unknown": {"arn": true}}}
         ],
         "prior_state": {"format_version": "1.0", "values": {"root_module": {"resources": [
           {"address": "aws_kms_key.old", "mode": "managed", "type": "aws_kms_key", "name": "old", "values": {}},
           {"address": "data.aws_iam_policy_document.assume", "mode": "data", "type": "aws_iam_policy_document", "name": "assume",
            "values": {"json": "{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":{\\"Effect\\":\\"Allow\\",\\"Action\\":\\"sts:AssumeRole\\",\\"Principal\\":{\\"Service\\":\\"ec2.amazonaws.com\\"}}}"}}
         ]}}}
        }
        """
    let file = try parse(text)
    #expect(
        file.resources.map(\.id) == [
            "aws_sqs_queue.kept", "aws_sqs_queue.replaced", "aws_sns_topic.only_in_changes",
            "data.aws_iam_policy_document.assume",
        ])
    #expect(try resource(file, "aws_sqs_queue.kept").attributes["change_actions"] == ["no-op"])
    #expect(try resource(file, "aws_sqs_queue.replaced").attributes["arn"] == .unknown)
    #expect(try resource(file, "aws_sns_topic.only_in_changes").attributes["arn"] == .unknown)
    let data = try resource(file, "data.aws_iam_policy_document.assume")
    #expect(data.kind == "terraform/data.aws_iam_policy_document")
    #expect(data.attributes["policy_document"]?["Statement"]?[0]?["Action"] == ["sts:AssumeRole"])
    #expect(data.attributes["policy_document"]?["Statement"]?[0]?["Principal"] == ["Service": ["ec2.amazonaws.com"]])
    #expect(data.location.line == 20)
}

@Test func policyDocumentsAreNormalised() throws {
    let policy = #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Principal":"*"}}"#
    let doc = try #require(PolicyDocument.normalise(json: policy))
    #expect(
        doc == [
            "Version": "2012-10-17",
            "Statement": [["Effect": "Allow", "Action": ["s3:*"], "Resource": ["*"], "Principal": ["AWS": ["*"]]]],
        ])
    let list = try #require(
        PolicyDocument.normalise(
            json: #"{"Statement":[{"Effect":"Deny","NotAction":["iam:*"],"NotResource":"arn:x","Principal":{"AWS":"arn:a","Service":["s"]},"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}"#
        ))
    #expect(list["Statement"]?[0]?["NotAction"] == ["iam:*"])
    #expect(list["Statement"]?[0]?["NotResource"] == ["arn:x"])
    #expect(list["Statement"]?[0]?["Principal"] == ["AWS": ["arn:a"], "Service": ["s"]])
    #expect(list["Statement"]?[0]?["Condition"] == ["Bool": ["aws:SecureTransport": "false"]])
    #expect(PolicyDocument.normalise(json: "not json") == nil)
}

@Test func policyAttributesOfResourcesAndDataSources() throws {
    let text = """
        {"format_version": "1.2",
         "planned_values": {"root_module": {"resources": [
           {"address": "aws_iam_policy.p", "mode": "managed", "type": "aws_iam_policy", "name": "p",
            "values": {"policy": "{\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Action\\":\\"*\\",\\"Resource\\":\\"*\\"}]}"}},
           {"address": "aws_iam_policy.unknown", "mode": "managed", "type": "aws_iam_policy", "name": "unknown", "values": {}},
           {"address": "aws_iam_role.r", "mode": "managed", "type": "aws_iam_role", "name": "r",
            "values": {"assume_role_policy": "{\\"Statement\\":[]}", "inline_policy": [{"name": "x", "policy": "{\\"Statement\\":{\\"Effect\\":\\"Allow\\",\\"NotAction\\":\\"iam:*\\",\\"Resource\\":\\"*\\"}}"}]}},
           {"address": "aws_s3_bucket.b", "mode": "managed", "type": "aws_s3_bucket", "name": "b", "values": {"bucket": "b"}},
           {"address": "aws_sqs_queue_policy.bad", "mode": "managed", "type": "aws_sqs_queue_policy", "name": "bad", "values": {"policy": "{oops"}},
           {"address": "data.aws_iam_policy_document.d", "mode": "data", "type": "aws_iam_policy_document", "name": "d",
            "values": {"statement": [{"actions": ["kms:*"], "resources": ["*"], "effect": null, "principals": [{"type": "AWS", "identifiers": ["*"]}],
                                      "condition": [{"test": "Bool", "variable": "aws:SecureTransport", "values": ["false"]}]}]}}
         ]}},
         "resource_changes": [
           {"address": "aws_iam_policy.unknown", "mode": "managed", "type": "aws_iam_policy", "name": "unknown",
            "change": {"actions": ["create"], "after": {}, "after_unknown": {"policy": true}}},
           {"address": "aws_s3_bucket.b", "mode": "managed", "type": "aws_s3_bucket", "name": "b",
            "change": {"actions": ["create"], "after": {}, "after_unknown": {"policy": true}}},
           {"address": "data.aws_iam_policy_document.d", "mode": "data", "type": "aws_iam_policy_document", "name": "d",
            "change": {"actions": ["read"], "after": {}, "after_unknown": {"json": true}}}
         ],
         "configuration": {"root_module": {"resources": [
           {"address": "aws_iam_policy.unknown", "mode": "managed", "type": "aws_iam_policy", "name": "unknown",
            "expressions": {"policy": {"references": ["local.doc"]}}},
           {"address": "aws_s3_bucket.b", "mode": "managed", "type": "aws_s3_bucket", "name": "b", "expressions": {"bucket": {"constant_value": "b"}}}
         ]}}}
        """
    let file = try parse(text)
    let p = try resource(file, "aws_iam_policy.p")
    #expect(p.attributes["policy_document"]?["Statement"]?[0]?["Action"] == ["*"])
    #expect(p.locations[AttributePath(keys: "policy_document")] == p.locations[AttributePath(keys: "policy")])
    #expect(try resource(file, "aws_iam_policy.unknown").attributes["policy_document"] == .unknown)
    // a bucket's computed policy mirrors another resource: no document of its own
    #expect(try resource(file, "aws_s3_bucket.b").attributes["policy_document"] == nil)
    let role = try resource(file, "aws_iam_role.r")
    #expect(role.attributes["assume_role_policy_document"] == ["Statement": []])
    #expect(role.value(at: AttributePath(parsing: "inline_policy[0].policy_document.Statement[0].NotAction")!) == ["iam:*"])
    let data = try resource(file, "data.aws_iam_policy_document.d")
    #expect(
        data.attributes["policy_document"]
            == [
                "Statement": [
                    [
                        "Effect": "Allow", "Action": ["kms:*"], "Resource": ["*"], "Principal": ["AWS": ["*"]],
                        "Condition": ["Bool": ["aws:SecureTransport": ["false"]]],
                    ]
                ]
            ])
    #expect(file.diagnostics.map(\.message) == ["policy is not a JSON policy document"])
    #expect(file.diagnostics.first?.severity == .warning)
}
