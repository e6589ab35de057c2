data "aws_availability_zones" "available" {}

resource "aws_subnet" "s" {
  count             = length(data.aws_availability_zones.available.names)
  availability_zone = data.aws_availability_zones.available.names[count.index]
}
