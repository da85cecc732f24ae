import DatasetsCommands

DatasetsCommand.main()
