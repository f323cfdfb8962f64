class ConfigError(Exception):
    pass
def load():
    raise ConfigError("missing DATABASE_URL")
load()
