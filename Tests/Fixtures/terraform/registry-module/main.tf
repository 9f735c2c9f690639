# Keys from a registry module; terraform init recorded where it put them.

resource "aws_kms_key" "root" {
  description         = "root key"
  enable_key_rotation = true
}

module "keys" {
  source  = "terraform-aws-modules/kms/aws"
  version = "2.1.0"
}
