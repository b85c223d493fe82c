# One image for every Airflow component of the Celery stack (docker-compose.yaml).
FROM python:3.11-slim
ENV UV_LINK_MODE=copy UV_PROJECT_ENVIRONMENT=/opt/pantau/.venv PATH=/opt/pantau/.venv/bin:$PATH
RUN pip install --no-cache-dir uv==0.13.8
WORKDIR /opt/pantau
COPY pyproject.toml uv.lock README.md ./
COPY pantau pantau
COPY dags dags
COPY scrapers scrapers
COPY transforms transforms
COPY warehouse warehouse
COPY expectations expectations
RUN uv sync --frozen --no-dev --extra celery
