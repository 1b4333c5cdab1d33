"""python -m zsprogress"""

from .cli import main

if __name__ == "__main__":
    main(prog_name="zsprogress")
