# IMS policies and image tags as Terraform keeps them (huaweicloud provider). The IMS extension checks
# the JSON inside the heredoc and inside jsonencode, and the tags, as it checks a policy file; these
# policies also count for the permission hints of the .http files beside this one.

resource "huaweicloud_identity_role" "ims_reader" {
  name        = "ims-reader"
  type        = "XA"
  description = "List and read images and their tags"
  policy      = <<EOT
{
  "Version": "1.1",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["ims:images:list", "ims:images:get"]
    }
  ]
}
EOT
}

resource "huaweicloud_identityv5_policy" "image_listing" {
  name = "image-listing"
  policy_document = jsonencode({
    Version = "5.0"
    Statement = [
      { Effect = "Allow", Action = ["ims:images:list"] }
    ]
  })
}

resource "huaweicloud_images_image" "base" {
  name        = "base-image"
  instance_id = var.instance_id
  tags = {
    env   = "prod"
    owner = var.owner
  }
}
