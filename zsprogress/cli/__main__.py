"""python -m zsprogress.cli"""

from . import main

main(prog_name="zsprogress")
