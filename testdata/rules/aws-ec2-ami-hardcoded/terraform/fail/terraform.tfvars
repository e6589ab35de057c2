worker_ami_id = "ami-0e2c8caa4b6378d8c"
