# A small web stack: a load balancer, an audit trail, keys, a deploy policy and a storage module.

resource "aws_kms_key" "logs" {
  description         = "CloudTrail and bucket encryption"
  enable_key_rotation = true
}

resource "aws_kms_key" "legacy" {
  description         = "old application key"
  enable_key_rotation = false
}

resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = module.storage.bucket_id
  kms_key_id                 = aws_kms_key.logs.arn
  is_multi_region_trail      = true
  enable_log_file_validation = false
}

resource "aws_lb" "web" {
  name               = "web"
  load_balancer_type = "application"
  subnets            = var.public_subnet_ids
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.web.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-0-2021-06"
  certificate_arn   = var.certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = var.target_group_arn
  }
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.web.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "redirect"

    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}

resource "aws_iam_policy" "deploy" {
  name = "deploy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "s3:*"
      Resource = "*"
    }]
  })
}

module "storage" {
  source      = "./modules/storage"
  name        = "web-assets"
  kms_key_arn = aws_kms_key.logs.arn
}

variable "public_subnet_ids" {
  type = list(string)
}

variable "certificate_arn" {
  type = string
}

variable "target_group_arn" {
  type = string
}
