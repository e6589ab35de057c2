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
  name               = "${var.name}-web"
  internal           = false
  load_balancer_type = "application"
  security_groups    = [var.security_group_id]
  subnets            = var.public_subnet_ids
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
  protocol          = "HTTP" # expect: aws-elb-listener-tls

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app.arn
  }
}

# The redirect keeps the request's protocol (#{protocol}): still HTTP.
resource "aws_lb_listener" "www" {
  load_balancer_arn = aws_lb.web.arn
  port              = 8080
  protocol          = "HTTP" # expect: aws-elb-listener-tls

  default_action {
    type = "redirect"

    redirect {
      host        = "www.${var.domain}"
      status_code = "HTTP_301"
    }
  }
}

# Without protocol an application load balancer listener is HTTP.
resource "aws_lb_listener" "admin" { # expect: aws-elb-listener-tls
  load_balancer_arn = aws_lb.web.arn
  port              = 8081

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app.arn
  }
}

# Without ssl_policy the provider picks ELBSecurityPolicy-2016-08.
resource "aws_lb_listener" "https" { # expect: aws-elb-listener-tls
  load_balancer_arn = aws_lb.web.arn
  port              = 443
  protocol          = "HTTPS"
  certificate_arn   = var.certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app.arn
  }
}

resource "aws_lb" "mqtt" {
  for_each = toset(var.broker_zones)

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
  ssl_policy        = "ELBSecurityPolicy-TLS-1-1-2017-01" # expect: aws-elb-listener-tls

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.mqtt[each.key].arn
  }
}

resource "aws_elb" "legacy" {
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
    instance_port     = 8080
    instance_protocol = "http"
    lb_port           = 80
    lb_protocol       = "http" # expect: aws-elb-listener-tls
  }

  health_check {
    healthy_threshold   = 2
    unhealthy_threshold = 2
    timeout             = 3
    target              = "HTTP:8080/healthz"
    interval            = 30
  }
}
