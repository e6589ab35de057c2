FROM python:3.12-slim
ENV APP_HOME=/srv/app \
    RUN_AS=root
WORKDIR $APP_HOME
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
USER ${RUN_AS}
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:wsgi"]
