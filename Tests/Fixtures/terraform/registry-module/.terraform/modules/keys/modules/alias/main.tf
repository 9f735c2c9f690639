resource "aws_kms_key" "replica" {
  description = "replica key"

  enable_key_rotation = false
}
