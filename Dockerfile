# syntax=docker/dockerfile:1
# The API: `sesam serve`, built in release mode. Used by docker-compose.yml; build context is the repo root.

FROM rust:1.95-trixie AS build
WORKDIR /src
# The whole workspace is needed to resolve it (members api, migration, tests), but only the API is built.
COPY Cargo.toml Cargo.lock ./
COPY api api
COPY migration migration
COPY tests tests
# Cache mounts keep the crate registry and target/ between builds; the binary is copied out of them.
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked -p sesam-api --bin sesam \
 && install -D -m 0755 target/release/sesam /out/sesam

FROM debian:trixie-slim
# ca-certificates for SMTP over TLS; curl for the container health check.
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /var/lib/sesam --create-home sesam
COPY --from=build /out/sesam /usr/local/bin/sesam
USER sesam
WORKDIR /var/lib/sesam
ENV SESAM_BIND=0.0.0.0:8080
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=5 \
  CMD curl -fsS http://127.0.0.1:8080/health/ready || exit 1
ENTRYPOINT ["sesam"]
CMD ["serve"]
