-- Keycloak keeps its realm data in its own database on the same server as Atrium's.
create database keycloak owner atrium;
