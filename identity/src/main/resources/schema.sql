-- Spring Security's JDBC user store (JdbcUserDetailsManager), in PostgreSQL.
create table if not exists users (
  username varchar(64) primary key,
  password varchar(500) not null,
  enabled boolean not null
);
create table if not exists authorities (
  username varchar(64) not null references users (username),
  authority varchar(50) not null
);
create unique index if not exists ix_auth_username on authorities (username, authority);
