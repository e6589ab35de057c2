import os

DEBUG = False
# Django settings
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY")
AWS_STORAGE_BUCKET_NAME = "media"
aws_secret_access_key = "Zp4Lq8Vn3Rt7YwZb1Mc5PdHs4Jg6KeTa0Uo2Rix" # expect: secrets-file-credential
MONGO_URI = "mongodb+srv://admin:N0tS0S3cret-77@cluster0.example.net/app" # expect: secrets-file-credential
