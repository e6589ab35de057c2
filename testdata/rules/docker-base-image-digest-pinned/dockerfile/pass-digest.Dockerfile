ARG PYTHON_VERSION=3.12
FROM python:${PYTHON_VERSION}-slim@sha256:3333333333333333333333333333333333333333333333333333333333333333
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
USER 10001
CMD ["gunicorn", "app:app"]
