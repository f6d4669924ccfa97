from cleanset.cli import app

app(prog_name="cleanset")
