ARG REGISTRY=registry.example.com:5000
ARG IMAGE=${REGISTRY}/team/base
ARG TAG=1.0
ARG UNSET
FROM ${IMAGE}:${TAG}
RUN echo base

FROM ${UNSET}/tools:latest AS tools

FROM ubuntu
FROM scratch
