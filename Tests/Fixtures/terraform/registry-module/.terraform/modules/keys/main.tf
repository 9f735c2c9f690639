variable "rotate" {
  type    = bool
  default = false
}

resource "aws_kms_key" "this" {
  count = 1

  description         = "module key"
  enable_key_rotation = var.rotate
}

module "alias" {
  source = "./modules/alias"
}
