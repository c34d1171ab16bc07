from briefings.cli import run

run()
