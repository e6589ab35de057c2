terraform {
  required_version = ">= 1.5"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = var.region
}

resource "aws_lb" "web" {
  access_logs {
    bucket  = "acme-lb-logs"
    enabled = true
  }

  name            = "${var.name}-web"
  internal        = false
  security_groups = [var.security_group_id]
  subnets         = var.public_subnet_ids
}

resource "aws_lb_target_group" "app" {
  name        = "${var.name}-app"
  port        = 8080
  protocol    = "HTTP"
  target_type = "ip"
  vpc_id      = var.vpc_id

  health_check {
    path    = "/healthz"
    matcher = "200"
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

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.web.arn
  port              = 443
  protocol          = "HTTPS"
  certificate_arn   = var.certificate_arn
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app.arn
  }
}

resource "aws_lb" "mqtt" {
  for_each = toset(var.broker_zones)

  access_logs {
    bucket  = "acme-lb-logs"
    enabled = true
  }

  name               = "${var.name}-mqtt-${each.key}"
  load_balancer_type = "network"
  subnets            = var.public_subnet_ids
}

resource "aws_lb_target_group" "mqtt" {
  for_each = aws_lb.mqtt

  name     = "${var.name}-mqtt-${each.key}"
  port     = 1883
  protocol = "TCP"
  vpc_id   = var.vpc_id
}

resource "aws_lb_listener" "mqtts" {
  for_each = aws_lb.mqtt

  load_balancer_arn = each.value.arn
  port              = 8883
  protocol          = "TLS"
  certificate_arn   = var.certificate_arn
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-Res-2021-06"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.mqtt[each.key].arn
  }
}

# Without protocol a network load balancer listener is TCP: TLS is passed
# through to the brokers.
resource "aws_lb_listener" "mqtt_passthrough" {
  for_each = aws_lb.mqtt

  load_balancer_arn = each.value.arn
  port              = 9883

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.mqtt[each.key].arn
  }
}

resource "aws_elb" "legacy" {
  access_logs {
    bucket = "acme-lb-logs"
  }

  name            = "${var.name}-legacy"
  subnets         = var.public_subnet_ids
  security_groups = [var.security_group_id]

  listener {
    instance_port      = 8080
    instance_protocol  = "http"
    lb_port            = 443
    lb_protocol        = "https"
    ssl_certificate_id = var.certificate_arn
  }

  listener {
    instance_port     = 5432
    instance_protocol = "tcp"
    lb_port           = 5432
    lb_protocol       = "tcp"
  }

  health_check {
    healthy_threshold   = 2
    unhealthy_threshold = 2
    timeout             = 3
    target              = "HTTP:8080/healthz"
    interval            = 30
  }
}
