from smbstar.cli import main

main()
