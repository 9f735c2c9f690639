# Listeners and rules written as dynamic blocks.

resource "aws_elb" "web" {
  name    = "web"
  subnets = var.subnets

  dynamic "listener" {
    for_each = var.listeners
    iterator = l
    content {
      instance_port     = l.value.instance_port
      instance_protocol = "http"
      lb_port           = l.value.port
      lb_protocol       = l.value.protocol
    }
  }
}

resource "aws_security_group" "web" {
  name = "web"

  ingress {
    from_port = 443
    to_port   = 443
    protocol  = "tcp"
  }

  dynamic "ingress" {
    for_each = var.admin_ports
    content {
      from_port = ingress.value
      to_port   = ingress.value
      protocol  = "tcp"
    }
  }
}
