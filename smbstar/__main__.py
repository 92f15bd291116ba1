from smbstar.start import main

main()
