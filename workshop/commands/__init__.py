"""One module per subcommand; ``workshop.cli`` finds them by name. See ``cli.py`` for the contract."""
