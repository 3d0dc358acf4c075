from kamplanner.app import main

raise SystemExit(main())
